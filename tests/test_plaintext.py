"""Finding the references in a plain-text file: layouts, wrapping, furniture, exact spans."""

from __future__ import annotations

from refslint.sources.plaintext import entries

REF = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9."
REF2 = "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60."


def test_numbered_labels_in_every_form():
    for a, b in (("1.", "2."), ("1)", "2)"), ("[1]", "[2]"), ("1", "2"), ("1\t", "2\t")):
        text = f"{a} {REF}\n{b} {REF2}\n"
        found = entries(text)
        assert [e.text for e in found] == [REF, REF2], a
        assert [e.label for e in found] == [a.strip(), b.strip()]
        for e in found:
            assert text[e.span.start : e.span.end] == e.text


def test_wrapped_numbered_entries_start_only_at_the_next_label_in_sequence():
    text = f"1. Umezawa Y. Psoriatic arthritis. J Dermatol.\n   2021;48(6):741-9.\n\n2. {REF2}\n"
    found = entries(text)
    assert len(found) == 2
    assert found[0].text == "Umezawa Y. Psoriatic arthritis. J Dermatol.\n   2021;48(6):741-9."
    text = f"1. Smith J. A study of cells. Cell.\n2019;4:1-15.\n2. {REF2}\n"
    assert len(entries(text)) == 2  # "2019;4..." is no label


def test_bulleted_lists_with_indentation():
    text = f"  • {REF}\n  • {REF2}\n"
    assert [e.text for e in entries(text)] == [REF, REF2]
    text = f"- {REF}\n- {REF2}\n"
    assert [e.text for e in entries(text)] == [REF, REF2]


def test_unlabelled_one_per_line_and_blank_separated_paragraphs():
    assert [e.text for e in entries(f"{REF}\n{REF2}\n")] == [REF, REF2]
    text = "Umezawa Y. Psoriatic arthritis.\nJ Dermatol. 2021;48(6):741-9.\n\nHan S. The acute\nrespiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
    assert len(entries(text)) == 2


def test_heading_and_page_furniture_are_not_references():
    text = f"References\n\n{REF}\n{REF2}\n\nPage 12\n"
    assert [e.text for e in entries(text)] == [REF, REF2]
    text = f"Review Article\n246\nViews\n\nReferences\n\n  • {REF}\n  • {REF2}\n\nReprints and Permissions\n\nPlease note: selecting permissions does not provide access.\n"
    assert [e.text for e in entries(text)] == [REF, REF2]


def test_crlf_line_endings_keep_exact_spans():
    text = f"1. {REF}\r\n2. {REF2}\r\n"
    found = entries(text)
    assert [e.text for e in found] == [REF, REF2]
    assert text[found[1].span.start : found[1].span.end] == REF2


def test_empty_and_blank_files_have_no_entries():
    assert entries("") == [] and entries("\n\n  \n") == []


def test_a_line_starting_with_a_year_does_not_make_the_list_numbered():
    # PLOS journal.pone.0081648 (CC BY 4.0): one reference a line, one of them a report from 2010.
    text = (
        "Hansen J, Sato M, Ruedy R, Nazarenko L, Lacis A, et al. (2005) Efficacy of climate forcings. "
        "J Geophys Res 110: D18104.\n"
        "2010 Working group report on the state of the climate. Geneva: WMO; 2010. 42 p.\n"
        "Lenton TM, Held H, Kriegler E, Hall JW, Lucht W, et al. (2008) Tipping elements in the Earth's "
        "climate system. Proc Natl Acad Sci U S A 105: 1786-1793.\n"
    )
    from refslint.sources import plaintext

    assert len(plaintext.entries(text)) == 3


def test_a_few_numbered_lines_in_sequence_do_not_make_a_long_list_numbered():
    # A pasted unnumbered list in which a handful of lines kept their labels (`20.Creed PA`,
    # `21.Patton W`): were the numbers labels, 40 references would read as two entries.
    line = "Buckley TR. Model misspecification and tests of topology. Syst Biol. 2003;52:509–23.\n"
    text = line * 19 + "20.Creed PA, Hicks RE. Behavioural plasticity. Aust J Psychol. 2009;61:1–9.\n"
    text += line * 19 + "21.Patton W, Donohue R. Coping with unemployment. J Community Psychol. 2003;8:331–43.\n"
    from refslint.sources import plaintext

    assert len(plaintext.entries(text)) == 40
