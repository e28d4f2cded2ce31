"""Build the generated part of tests/fixtures/no-harm/: reference lists that are correct in
their own style, on which `refslint --fix --unsafe-fixes` must change nothing.

Every list is one reference list in one style, as one manuscript would print it:

* journal references of one real article (PLOS or eLife, CC BY 4.0, from the structured
  records of ../shared/corpus/) rendered with a real CSL style (../shared/corpus/csl-styles/,
  CC BY-SA 3.0) by citeproc-py;
* plus references written by hand from the records of real, well-known publications
  (HAND: structured, rendered by the same CSL style; VERBATIM: written out in the list's
  style where citeproc-py cannot render the type well, e.g. books, reports, web pages,
  preprints, conference papers);
* or printed reference strings exactly as PLOS published them (`original`, PLOS_ORIGINALS).

The records taken from the corpus are named one by one (REFS) after being read; nothing is
sampled at run time. Hand-written references are placed among the corpus ones at positions
drawn from random.Random(SEED + file name), so a run always writes the same bytes.

citeproc-py is a dependency of this script only (`pip install citeproc-py`), never of
refslint. The Markdown and LaTeX manuscripts of the same folder are written by hand and are
not touched here.

    python scripts/build_no_harm.py            # write the lists
    python scripts/build_no_harm.py --check    # fail if a written list differs
"""

# ruff: noqa: E501  (the data below are whole references; breaking them would make them harder to read)
from __future__ import annotations

import argparse
import copy
import csv
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
STYLES = CORPUS / "csl-styles"
OUT = ROOT / "tests" / "fixtures" / "no-harm"
SEED = "refslint-no-harm-1"

# ---------------------------------------------------------------------------------------------
# Journal names: the NLM abbreviation a record carries, its dotted ISO-4 form (JabRef) and its
# full title. A journal is used only when the NLM Catalog and JabRef agree on the full title.
# ---------------------------------------------------------------------------------------------

SMALL = {"a", "an", "and", "as", "at", "by", "de", "der", "des", "du", "et", "for", "from",
         "in", "la", "le", "of", "on", "or", "the", "to", "und", "with", "y"}

# Full titles the way the journals print them (where title-casing the NLM title is not enough).
FULL_NAME = {
    "BMJ": "BMJ", "JAMA": "JAMA", "Lancet": "The Lancet", "N Engl J Med": "The New England Journal of Medicine",
    "PLoS Biol": "PLOS Biology", "PLoS Genet": "PLOS Genetics", "PLoS Med": "PLOS Medicine",
    "PLoS Comput Biol": "PLOS Computational Biology", "PLoS Pathog": "PLOS Pathogens",
    "Proc Natl Acad Sci U S A": "Proceedings of the National Academy of Sciences of the United States of America",
    "Nat Protoc": "Nature Protocols", "Biochim Biophys Acta": "Biochimica et Biophysica Acta",
    "Trends Ecol Evol": "Trends in Ecology & Evolution",
}


def _key(title: str) -> str:
    t = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"\s*\(.*?\)\s*", " ", t)
    t = re.sub(r"^the\s+", "", t)
    t = t.split(" : ")[0]
    t = t.replace("&", "and")
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def _title_case_journal(title: str) -> str:
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in SMALL else w[:1].upper() + w[1:])
    return " ".join(out)


def load_journals() -> dict[str, tuple[str, str, str]]:
    """NLM abbreviation -> (NLM abbreviation, dotted abbreviation, full title)."""
    nlm = json.loads((CORPUS / "journals" / "nlm-catalog-abbreviations.json").read_text(encoding="utf-8"))
    by_abbr: dict[str, set[str]] = {}
    for full, abbr in nlm["default"]["container-title"].items():
        by_abbr.setdefault(abbr, set()).add(full.split(" : ")[0].strip())
    jab: dict[str, set[tuple[str, str]]] = {}
    for name in ("lifescience", "general", "geology_physics", "acs", "ieee"):
        path = CORPUS / "journals" / "jabref" / f"journal_abbreviations_{name}.csv"
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f):
                if len(row) >= 2:
                    jab.setdefault(row[1].strip().replace(".", ""), set()).add((row[0].strip(), row[1].strip()))
    forms = {}
    for abbr, fulls in by_abbr.items():
        cands = jab.get(abbr)
        if not cands or len(cands) != 1 or len(fulls) != 1:
            continue
        jfull, dotted = next(iter(cands))
        nfull = next(iter(fulls))
        if _key(jfull) != _key(nfull):
            continue  # JabRef and the NLM Catalog disagree (e.g. Syst Biol): not used
        # a dotted token must abbreviate a word of the full title, not repeat it
        words = {w.lower() for w in re.findall(r"[\w'-]+", jfull)}
        if any(t.endswith(".") and t[:-1].lower() in words for t in dotted.split()):
            continue
        full = FULL_NAME.get(abbr) or (jfull if jfull != jfull.lower() else _title_case_journal(jfull))
        forms[abbr] = (abbr, dotted, full)
    for abbr, full in FULL_NAME.items():
        if abbr in forms:
            forms[abbr] = (abbr, forms[abbr][1], full)
    forms.update(EXTRA_FORMS)
    return forms


# Journals the two catalogues do not settle (several NLM titles, or JabRef disagrees): by hand.
EXTRA_FORMS = {
    "BMJ": ("BMJ", "BMJ", "BMJ"),
    "Syst Biol": ("Syst Biol", "Syst. Biol.", "Systematic Biology"),
    "Biol J Linn Soc Lond": ("Biol J Linn Soc Lond", "Biol. J. Linn. Soc.", "Biological Journal of the Linnean Society"),
    "Cereb Cortex": ("Cereb Cortex", "Cereb. Cortex", "Cerebral Cortex"),
}


# ---------------------------------------------------------------------------------------------
# Corpus records
# ---------------------------------------------------------------------------------------------


def load_records() -> dict[str, dict]:
    records = {}
    for src in ("plos-allofplos", "elife-tools"):
        with (CORPUS / src / "references.jsonl").open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                records[r["id"]] = r
    return records


def _initials(given: str) -> str:
    """'JH' / 'J. H' / 'J-L' -> 'J. H.' / 'J.-L.' (citeproc initializes full given names)."""
    g = given.strip()
    if re.fullmatch(r"(?:[A-Z]\.?\s*)+", g):
        return " ".join(f"{c}." for c in re.findall(r"[A-Z]", g))
    if re.fullmatch(r"[A-Z]\.?-[A-Z]\.?", g):
        return f"{g[0]}.-{g[-1 if g[-1] != '.' else -2]}."
    return g


def _pages(r: dict) -> str:
    first, last = r["fpage"].strip(), (r.get("lpage") or "").strip()
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last  # the record elides (238-42)
    return f"{first}-{last}" if last and last != first else first


def corpus_item(r: dict, journals: dict) -> dict:
    """A CSL-JSON item from a corpus record (journal articles only)."""
    abbr = r["journal"]
    if abbr not in journals:  # eLife records give full titles
        abbr = ELIFE_JOURNALS.get(r["journal"], r["journal"])
    if abbr not in journals:
        raise SystemExit(f"{r['id']}: no journal forms for {r['journal']!r}")
    authors = []
    for a in r["authors"]:
        au = {"family": a["family"].strip(), "given": _initials(a["given"])}
        if a.get("suffix"):
            au["suffix"] = a["suffix"].strip().rstrip(".")
        authors.append(au)
    title = r["title"].strip()
    if title.endswith(".") and not title.endswith("..."):
        title = title[:-1]
    item = {
        "id": r["id"], "type": "article-journal", "author": authors, "title": title,
        "journal": journals[abbr], "volume": r["volume"], "page": _pages(r),
        "issued": {"date-parts": [[int(r["year"])]]},
    }
    if r.get("issue"):
        item["issue"] = r["issue"]
    return item


# eLife records spell journals out; the NLM abbreviation they stand for.
ELIFE_JOURNALS = {
    "The Journal of Cell Biology": "J Cell Biol", "Journal of Cell Biology": "J Cell Biol",
    "Nature Immunology": "Nat Immunol", "Annual Review of Immunology": "Annu Rev Immunol",
    "Journal of Experimental Medicine": "J Exp Med", "The Journal of Experimental Medicine": "J Exp Med",
    "Nature Methods": "Nat Methods", "Molecular Biology of the Cell": "Mol Biol Cell",
    "PLOS Biology": "PLoS Biol", "PLoS Biology": "PLoS Biol", "Nucleic Acids Research": "Nucleic Acids Res",
    "Journal of Molecular Biology": "J Mol Biol", "Systematic Biology": "Syst Biol",
    "Molecular Biology and Evolution": "Mol Biol Evol", "PLOS Genetics": "PLoS Genet",
    "PLoS Genetics": "PLoS Genet", "Nature Protocols": "Nat Protoc",
    "Current Opinion in Structural Biology": "Curr Opin Struct Biol",
    "Trends in Plant Science": "Trends Plant Sci", "The Plant Journal": "Plant J",
    "Plant Journal": "Plant J", "Ecology Letters": "Ecol Lett", "BMC Ecology": "BMC Ecol",
    "The Plant Cell": "Plant Cell", "Plant Cell": "Plant Cell", "Trends in Biotechnology": "Trends Biotechnol",
    "Journal of Chemical Ecology": "J Chem Ecol", "Proceedings of the National Academy of Sciences of the United States of America": "Proc Natl Acad Sci U S A",
    "Yeast": "Yeast", "Genetics": "Genetics", "Genome Biology": "Genome Biol",
    "Molecular Cell": "Mol Cell", "The EMBO Journal": "EMBO J", "EMBO Journal": "EMBO J",
}

# ---------------------------------------------------------------------------------------------
# References written by hand from the records of real publications (structured).
# journal = (NLM abbreviation, dotted ISO-4 abbreviation, full title)
# ---------------------------------------------------------------------------------------------

CELL = ("Cell", "Cell", "Cell")
CELL_SYST = ("Cell Syst", "Cell Syst.", "Cell Systems")
LANCET = ("Lancet", "Lancet", "The Lancet")
NEJM = ("N Engl J Med", "N. Engl. J. Med.", "The New England Journal of Medicine")
NATURE = ("Nature", "Nature", "Nature")
SCIENCE = ("Science", "Science", "Science")
COCHRANE = ("Cochrane Database Syst Rev", "Cochrane Database Syst. Rev.", "Cochrane Database of Systematic Reviews")
BMJ = ("BMJ", "BMJ", "BMJ")


def _au(*names: str) -> list[dict]:
    """'Family, Given[, Suffix]' or '{Group name}'."""
    out = []
    for n in names:
        if n.startswith("{"):
            out.append({"literal": n.strip("{}")})
            continue
        parts = [p.strip() for p in n.split(",")]
        a = {"family": parts[0], "given": parts[1]}
        if len(parts) > 2:
            a["suffix"] = parts[2]
        out.append(a)
    return out


def _art(id_, authors, title, journal, year, volume, page, issue=None, doi=None, total=None, **kw):
    """total: how many authors the publication has when `authors` gives only the first ones; such an
    item may only be used in a style that cuts the list before the names not given."""
    item = {"id": id_, "type": "article-journal", "author": authors, "title": title,
            "journal": journal, "issued": {"date-parts": [[year]]}, "page": page}
    if volume:
        item["volume"] = volume
    if issue:
        item["issue"] = issue
    if doi:
        item["DOI"] = doi
    if total:
        item["author"] = authors + [dict(PAD) for _ in range(total - len(authors))]
    item.update(kw)
    return item


PAD = {"family": "Unnamedcoauthor", "given": "X."}  # stands for the authors not written out


HAND = {h["id"]: h for h in [
    _art("hoffmann2020", _au("Hoffmann, Markus", "Kleine-Weber, Hannah", "Schroeder, Simon", "Krüger, Nadine",
                             "Herrler, Tanja", "Erichsen, Sandra", "Schiergens, Tobias S.", "Herrler, Georg",
                             "Wu, Nai-Huei", "Nitsche, Andreas", "Müller, Marcel A.", "Drosten, Christian",
                             "Pöhlmann, Stefan"),
         "SARS-CoV-2 cell entry depends on ACE2 and TMPRSS2 and is blocked by a clinically proven protease inhibitor",
         CELL, 2020, "181", "271-280.e8", "2", "10.1016/j.cell.2020.02.052"),
    _art("walls2020", _au("Walls, Alexandra C.", "Park, Young-Jun", "Tortorici, M. Alejandra", "Wall, Abigail",
                          "McGuire, Andrew T.", "Veesler, David"),
         "Structure, function, and antigenicity of the SARS-CoV-2 spike glycoprotein",
         CELL, 2020, "181", "281-292.e6", "2", "10.1016/j.cell.2020.02.058"),
    _art("stuart2019", _au("Stuart, Tim", "Butler, Andrew", "Hoffman, Paul", "Hafemeister, Christoph",
                           "Papalexi, Efthymia", "Mauck, William M., 3rd", "Hao, Yuhan", "Stoeckius, Marlon",
                           "Smibert, Peter", "Satija, Rahul"),
         "Comprehensive integration of single-cell data", CELL, 2019, "177", "1888-1902.e21", "7",
         "10.1016/j.cell.2019.05.031"),
    _art("wolock2019", _au("Wolock, Samuel L.", "Lopez, Romain", "Klein, Allon M."),
         "Scrublet: computational identification of cell doublets in single-cell transcriptomic data",
         CELL_SYST, 2019, "8", "281-291.e9", "4", "10.1016/j.cels.2018.11.005"),
    _art("mcginnis2019", _au("McGinnis, Christopher S.", "Murrow, Lyndsay M.", "Gartner, Zev J."),
         "DoubletFinder: doublet detection in single-cell RNA sequencing data using artificial nearest neighbors",
         CELL_SYST, 2019, "8", "329-337.e4", "4", "10.1016/j.cels.2019.03.003"),
    # first three of 15 authors (used only where a style cuts the list at three)
    _art("blancomelo2020", _au("Blanco-Melo, Daniel", "Nilsson-Payant, Benjamin E.", "Liu, Wen-Chun",
                               "Uhl, Skyler", "Hoagland, Daisy", "Møller, Rasmus", "Jordan, Tristan X.",
                               "Oishi, Kohei", "Panis, Maryline", "Sachs, David", "Wang, Taia T.",
                               "Schwartz, Robert E.", "Lim, Jean K.", "Albrecht, Randy A.", "tenOever, Benjamin R."),
         "Imbalanced host response to SARS-CoV-2 drives development of COVID-19",
         CELL, 2020, "181", "1036-1045.e9", "5", "10.1016/j.cell.2020.04.026"),
    _art("takahashi2006", _au("Takahashi, Kazutoshi", "Yamanaka, Shinya"),
         "Induction of pluripotent stem cells from mouse embryonic and adult fibroblast cultures by defined factors",
         CELL, 2006, "126", "663-676", "4", "10.1016/j.cell.2006.07.024"),
    _art("takahashi2007", _au("Takahashi, Kazutoshi", "Tanabe, Koji", "Ohnuki, Mari", "Narita, Megumi",
                              "Ichisaka, Tomoko", "Tomoda, Kiichiro", "Yamanaka, Shinya"),
         "Induction of pluripotent stem cells from adult human fibroblasts by defined factors",
         CELL, 2007, "131", "861-872", "5", "10.1016/j.cell.2007.11.019"),
    _art("hanahan2011", _au("Hanahan, Douglas", "Weinberg, Robert A."), "Hallmarks of cancer: the next generation",
         CELL, 2011, "144", "646-674", "5", "10.1016/j.cell.2011.02.013"),
    _art("lecun2015", _au("LeCun, Yann", "Bengio, Yoshua", "Hinton, Geoffrey"), "Deep learning",
         NATURE, 2015, "521", "436-444", "7553", "10.1038/nature14539"),
    _art("jumper2021", _au("Jumper, John", "Evans, Richard", "Pritzel, Alexander", "Green, Tim",
                           "Figurnov, Michael", "Ronneberger, Olaf"),  # first six of 34: Nature prints one
         "Highly accurate protein structure prediction with AlphaFold", NATURE, 2021, "596", "583-589", "7873",
         "10.1038/s41586-021-03819-2", total=34),
    _art("jinek2012", _au("Jinek, Martin", "Chylinski, Krzysztof", "Fonfara, Ines", "Hauer, Michael",
                          "Doudna, Jennifer A.", "Charpentier, Emmanuelle"),
         "A programmable dual-RNA-guided DNA endonuclease in adaptive bacterial immunity",
         SCIENCE, 2012, "337", "816-821", "6096", "10.1126/science.1225829"),
    _art("jinek2013", _au("Jinek, Martin", "East, Alexandra", "Cheng, Aaron", "Lin, Steven", "Ma, Enbo",
                          "Doudna, Jennifer"),
         "RNA-programmed genome editing in human cells", ("eLife", "eLife", "eLife"), 2013, "2", "e00471", None,
         "10.7554/eLife.00471"),
    _art("cong2013", _au("Cong, Le", "Ran, F. Ann", "Cox, David", "Lin, Shuailiang", "Barretto, Robert",
                         "Habib, Naomi", "Hsu, Patrick D.", "Wu, Xuebing", "Jiang, Wenyan", "Marraffini, Luciano A.",
                         "Zhang, Feng"),
         "Multiplex genome engineering using CRISPR/Cas systems", SCIENCE, 2013, "339", "819-823", "6121",
         "10.1126/science.1231143"),
    _art("polack2020", _au("Polack, Fernando P.", "Thomas, Stephen J.", "Kitchin, Nicholas", "Absalon, Judith"),
         "Safety and efficacy of the BNT162b2 mRNA Covid-19 vaccine", NEJM, 2020, "383", "2603-2615", "27",
         "10.1056/NEJMoa2034577", total=29),
    _art("baden2021", _au("Baden, Lindsey R.", "El Sahly, Hana M.", "Essink, Brandon", "Kotloff, Karen"),
         "Efficacy and safety of the mRNA-1273 SARS-CoV-2 vaccine", NEJM, 2021, "384", "403-416", "5",
         "10.1056/NEJMoa2035389", total=28),
    _art("recovery2021", _au("{RECOVERY Collaborative Group}"), "Dexamethasone in hospitalized patients with Covid-19",
         NEJM, 2021, "384", "693-704", "8", "10.1056/NEJMoa2021436"),
    _art("gbd2019", _au("{GBD 2019 Diseases and Injuries Collaborators}"),
         "Global burden of 369 diseases and injuries in 204 countries and territories, 1990–2019: a systematic "
         "analysis for the Global Burden of Disease Study 2019", LANCET, 2020, "396", "1204-1222", "10258",
         "10.1016/S0140-6736(20)30925-9"),
    _art("gbd2019risk", _au("{GBD 2019 Risk Factors Collaborators}"),
         "Global burden of 87 risk factors in 204 countries and territories, 1990–2019: a systematic analysis for "
         "the Global Burden of Disease Study 2019", LANCET, 2020, "396", "1223-1249", "10258",
         "10.1016/S0140-6736(20)30752-2"),
    _art("sung2021", _au("Sung, Hyuna", "Ferlay, Jacques", "Siegel, Rebecca L.", "Laversanne, Mathieu",
                         "Soerjomataram, Isabelle", "Jemal, Ahmedin", "Bray, Freddie"),
         "Global cancer statistics 2020: GLOBOCAN estimates of incidence and mortality worldwide for 36 cancers "
         "in 185 countries", ("CA Cancer J Clin", "CA Cancer J. Clin.", "CA: A Cancer Journal for Clinicians"),
         2021, "71", "209-249", "3", "10.3322/caac.21660"),
    _art("ada2021", _au("{American Diabetes Association}"),
         "2. Classification and diagnosis of diabetes: Standards of Medical Care in Diabetes—2021",
         ("Diabetes Care", "Diabetes Care", "Diabetes Care"), 2021, "44", "S15-S33", "Suppl 1",
         "10.2337/dc21-S002"),
    # first authors of long author lists (used only where the style cuts the list short)
    _art("whelton2018", _au("Whelton, Paul K.", "Carey, Robert M.", "Aronow, Wilbert S.", "Casey, Donald E., Jr",
                            "Collins, Karen J.", "Dennison Himmelfarb, Cheryl"),
         "2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA guideline for the prevention, detection, "
         "evaluation, and management of high blood pressure in adults: a report of the American College of "
         "Cardiology/American Heart Association Task Force on Clinical Practice Guidelines",
         ("Hypertension", "Hypertension", "Hypertension"), 2018, "71", "e13-e115", "6",
         "10.1161/HYP.0000000000000065", total=21),
    _art("jack2018", _au("Jack, Clifford R., Jr", "Bennett, David A.", "Blennow, Kaj", "Carrillo, Maria C.",
                         "Dunn, Billy", "Haeberlein, Samantha Budd"),
         "NIA-AA Research Framework: toward a biological definition of Alzheimer's disease",
         ("Alzheimers Dement", "Alzheimers Dement.", "Alzheimer's & Dementia"), 2018, "14", "535-562", "4",
         "10.1016/j.jalz.2018.02.018", total=20),
    _art("hemila2013", _au("Hemilä, Harri", "Chalker, Elizabeth"),
         "Vitamin C for preventing and treating the common cold", COCHRANE, 2013, None, "CD000980", "1",
         "10.1002/14651858.CD000980.pub4"),
    _art("jefferson2014", _au("Jefferson, Tom", "Jones, Mark A.", "Doshi, Peter", "Del Mar, Chris B."),
         "Neuraminidase inhibitors for preventing and treating influenza in healthy adults and children",
         COCHRANE, 2014, None, "CD008965", "4", "10.1002/14651858.CD008965.pub4", total=12),
    _art("roberts2017", _au("Roberts, Devender", "Brown, Julie", "Medley, Nancy", "Dalziel, Stuart R."),
         "Antenatal corticosteroids for accelerating fetal lung maturation for women at risk of preterm birth",
         COCHRANE, 2017, "3", "CD004454", "3", "10.1002/14651858.CD004454.pub3"),
    _art("stead2008", _au("Stead, Lindsay F.", "Perera, Rafael", "Bullen, Chris", "Mant, David", "Lancaster, Tim"),
         "Nicotine replacement therapy for smoking cessation", COCHRANE, 2008, None, "CD000146", "1",
         "10.1002/14651858.CD000146.pub3"),
    _art("moher2009", _au("Moher, David", "Liberati, Alessandro", "Tetzlaff, Jennifer", "Altman, Douglas G.",
                          "{PRISMA Group}"),
         "Preferred reporting items for systematic reviews and meta-analyses: the PRISMA statement",
         ("PLoS Med", "PLoS Med.", "PLOS Medicine"), 2009, "6", "e1000097", "7", "10.1371/journal.pmed.1000097"),
    _art("page2021", _au("Page, Matthew J.", "McKenzie, Joanne E.", "Bossuyt, Patrick M.", "Boutron, Isabelle"),
         "The PRISMA 2020 statement: an updated guideline for reporting systematic reviews",
         BMJ, 2021, "372", "n71", None, "10.1136/bmj.n71", total=27),
    _art("sterne2019", _au("Sterne, Jonathan A. C.", "Savović, Jelena", "Page, Matthew J.", "Elbers, Roy G."),
         "RoB 2: a revised tool for assessing risk of bias in randomised trials",
         BMJ, 2019, "366", "l4898", None, "10.1136/bmj.l4898", total=28),
    _art("vandermaaten2008", _au("van der Maaten, Laurens", "Hinton, Geoffrey"), "Visualizing data using t-SNE",
         ("J Mach Learn Res", "J. Mach. Learn. Res.", "Journal of Machine Learning Research"), 2008, "9",
         "2579-2605"),
    _art("chagas1909", _au("Chagas, Carlos"),
         "Nova tripanozomiaze humana: estudos sobre a morfolojia e o ciclo evolutivo do Schizotrypanum cruzi "
         "n. gen., n. sp., ajente etiolojico de nova entidade morbida do homem",
         ("Mem Inst Oswaldo Cruz", "Mem. Inst. Oswaldo Cruz", "Memórias do Instituto Oswaldo Cruz"), 1909, "1",
         "159-218", "2", "10.1590/S0074-02761909000200008"),
    _art("schrodinger1935", _au("Schrödinger, Erwin"), "Die gegenwärtige Situation in der Quantenmechanik",
         ("Naturwissenschaften", "Naturwissenschaften", "Die Naturwissenschaften"), 1935, "23", "807-812", "48",
         "10.1007/BF01491891"),
    _art("heisenberg1927", _au("Heisenberg, Werner"),
         "Über den anschaulichen Inhalt der quantentheoretischen Kinematik und Mechanik",
         ("Z Phys", "Z. Phys.", "Zeitschrift für Physik"), 1927, "43", "172-198", "3-4", "10.1007/BF01397280"),
    _art("becquerel1896", _au("Becquerel, Henri"), "Sur les radiations émises par phosphorescence",
         ("C R Hebd Seances Acad Sci", "C. R. Hebd. Seances Acad. Sci.",
          "Comptes Rendus Hebdomadaires des Séances de l'Académie des Sciences"), 1896, "122", "420-421"),
    # physics classics for the titleless APS list
    _art("epr1935", _au("Einstein, Albert", "Podolsky, Boris", "Rosen, Nathan"),
         "Can quantum-mechanical description of physical reality be considered complete?",
         ("Phys Rev", "Phys. Rev.", "Physical Review"), 1935, "47", "777-780", "10", "10.1103/PhysRev.47.777"),
    _art("einstein1905", _au("Einstein, Albert"), "Zur Elektrodynamik bewegter Körper",
         ("Ann Phys", "Ann. Phys. (Leipzig)", "Annalen der Physik"), 1905, "17", "891-921"),
    _art("barabasi1999", _au("Barabási, Albert-László", "Albert, Réka"), "Emergence of scaling in random networks",
         SCIENCE, 1999, "286", "509-512", "5439", "10.1126/science.286.5439.509"),
    _art("watts1998", _au("Watts, Duncan J.", "Strogatz, Steven H."), "Collective dynamics of 'small-world' networks",
         ("Nature", "Nature (London)", "Nature"), 1998, "393", "440-442", "6684", "10.1038/30918"),
    _art("newman2001", _au("Newman, M. E. J.", "Strogatz, S. H.", "Watts, D. J."),
         "Random graphs with arbitrary degree distributions and their applications",
         ("Phys Rev E", "Phys. Rev. E", "Physical Review E"), 2001, "64", "026118", None,
         "10.1103/PhysRevE.64.026118"),
]}

# ---------------------------------------------------------------------------------------------
# References written out by hand in one style (types citeproc-py renders poorly).
# ---------------------------------------------------------------------------------------------

VERBATIM = {
    "american-medical-association": [
        "Goodfellow I, Bengio Y, Courville A. Deep Learning. MIT Press; 2016.",
        "Meltzer PS, Kallioniemi A, Trent JM. Chromosome alterations in human solid tumors. In: Vogelstein B, "
        "Kinzler KW, eds. The Genetic Basis of Human Cancer. 2nd ed. McGraw-Hill; 2002:93-113.",
        "World Health Organization. Global Tuberculosis Report 2020. World Health Organization; 2020.",
        "WHO Coronavirus (COVID-19) Dashboard. World Health Organization. Accessed March 1, 2023. "
        "https://covid19.who.int/",
        "Nash JF. Non-Cooperative Games. Dissertation. Princeton University; 1950.",
        "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv. Preprint posted online "
        "June 12, 2017. doi:10.48550/arXiv.1706.03762",
        "He K, Zhang X, Ren S, Sun J. Deep residual learning for image recognition. In: Proceedings of the "
        "2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR). IEEE; 2016:770-778. "
        "doi:10.1109/CVPR.2016.90",
    ],
    "elsevier-vancouver": [
        "World Health Organization. WHO recommendations for prevention and treatment of pre-eclampsia and "
        "eclampsia. Geneva: World Health Organization; 2011.",
        "Kohn LT, Corrigan JM, Donaldson MS, editors. To err is human: building a safer health system. "
        "Washington, DC: National Academies Press; 2000.",
        "Evans R, O’Neill M, Pritzel A, Antropova N, Senior A, Green T, et al. Protein complex prediction with "
        "AlphaFold-Multimer. bioRxiv 2021:2021.10.04.463034. https://doi.org/10.1101/2021.10.04.463034.",
    ],
    "the-lancet": [
        "WHO. Global tuberculosis report 2020. Geneva: World Health Organization, 2020.",
        "Higgins JPT, Thomas J, Chandler J, et al, eds. Cochrane handbook for systematic reviews of "
        "interventions, 2nd edn. Chichester: John Wiley & Sons, 2019.",
        "WHO. WHO Coronavirus (COVID-19) Dashboard. 2020. https://covid19.who.int/ (accessed March 1, 2023).",
    ],
    "bmj": [
        "National Institute for Health and Care Excellence. Obesity: identification, assessment and "
        "management. Clinical guideline CG189. 2014. https://www.nice.org.uk/guidance/cg189",
        "Rothman KJ, Greenland S, Lash TL. Modern epidemiology. 3rd ed. Philadelphia: Lippincott Williams & "
        "Wilkins, 2008.",
    ],
    "nature": [
        "McInnes, L., Healy, J. & Melville, J. UMAP: uniform manifold approximation and projection for "
        "dimension reduction. Preprint at https://arxiv.org/abs/1802.03426 (2018).",
        "Alberts, B. et al. Molecular Biology of the Cell 4th edn (Garland Science, 2002).",
        "Einstein, A. Zur Elektrodynamik bewegter Körper. Ann. Phys. 322, 891–921 (1905).",
        "Sambrook, J. & Russell, D. W. Molecular Cloning: A Laboratory Manual 3rd edn (Cold Spring Harbor "
        "Laboratory Press, 2001).",
    ],
    "science": [
        "J. Devlin, M.-W. Chang, K. Lee, K. Toutanova, BERT: Pre-training of deep bidirectional transformers "
        "for language understanding. arXiv:1810.04805 [cs.CL] (2018).",
        "B. Alberts, A. Johnson, J. Lewis, M. Raff, K. Roberts, P. Walter, Molecular Biology of the Cell "
        "(Garland Science, ed. 4, 2002).",
    ],
    "cell": [
        "McInnes, L., Healy, J., and Melville, J. (2018). UMAP: uniform manifold approximation and projection "
        "for dimension reduction. Preprint at arXiv, https://doi.org/10.48550/arXiv.1802.03426.",
        "Alberts, B., Johnson, A., Lewis, J., Raff, M., Roberts, K., and Walter, P. (2002). Molecular Biology "
        "of the Cell, Fourth Edition (Garland Science).",
    ],
    "apa": [
        "Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT Press.",
        "Meltzer, P. S., Kallioniemi, A., & Trent, J. M. (2002). Chromosome alterations in human solid tumors. "
        "In B. Vogelstein & K. W. Kinzler (Eds.), The genetic basis of human cancer (2nd ed., pp. 93–113). "
        "McGraw-Hill.",
        "World Health Organization. (2020). Global tuberculosis report 2020.",
        "World Health Organization. (n.d.). WHO coronavirus (COVID-19) dashboard. Retrieved March 1, 2023, "
        "from https://covid19.who.int/",
        "Kingma, D. P., & Ba, J. (2014). Adam: A method for stochastic optimization. arXiv. "
        "https://doi.org/10.48550/arXiv.1412.6980",
        "Nash, J. F. (1950). Non-cooperative games [Doctoral dissertation, Princeton University].",
        "Hemilä, H., & Chalker, E. (2013). Vitamin C for preventing and treating the common cold. Cochrane "
        "Database of Systematic Reviews, 2013(1), Article CD000980. "
        "https://doi.org/10.1002/14651858.CD000980.pub4",
        "Alzheimer, A. (1907). Über eine eigenartige Erkrankung der Hirnrinde [On a peculiar disease of the "
        "cerebral cortex]. Allgemeine Zeitschrift für Psychiatrie und psychisch-gerichtliche Medizin, 64, "
        "146–148.",
        "He, K., Zhang, X., Ren, S., & Sun, J. (2016). Deep residual learning for image recognition. In "
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (pp. 770–778). IEEE. "
        "https://doi.org/10.1109/CVPR.2016.90",
    ],
    "harvard-cite-them-right": [
        "Goodfellow, I., Bengio, Y. and Courville, A. (2016) Deep learning. Cambridge, MA: MIT Press.",
        "World Health Organization (2020) Global tuberculosis report 2020. Geneva: World Health Organization.",
        "R Core Team (2023) R: A language and environment for statistical computing. Vienna: R Foundation for "
        "Statistical Computing. Available at: https://www.R-project.org/ (Accessed: 1 March 2023).",
        "Meltzer, P.S., Kallioniemi, A. and Trent, J.M. (2002) “Chromosome alterations in human solid "
        "tumors”, in Vogelstein, B. and Kinzler, K.W. (eds) The genetic basis of human cancer. 2nd edn. "
        "New York: McGraw-Hill, pp. 93–113.",
        "Darwin, C. (1859) On the origin of species by means of natural selection. London: John Murray.",
    ],
    "chicago-author-date": [
        "Darwin, C. 1859. On the Origin of Species by Means of Natural Selection. London: John Murray.",
        "Schrödinger, E. 1935. “Die gegenwärtige Situation in der Quantenmechanik.” Naturwissenschaften 23 "
        "(48): 807–12.",
        "Becquerel, H. 1896. “Sur les radiations émises par phosphorescence.” Comptes rendus hebdomadaires "
        "des séances de l’Académie des sciences 122: 420–21.",
        "Ramón y Cajal, S. 1888. “Estructura de los centros nerviosos de las aves.” Revista trimestral de "
        "histología normal y patológica 1: 1–10.",
        "Wilson, E. O. 1992. The Diversity of Life. Cambridge, MA: Belknap Press of Harvard University Press.",
    ],
    "american-society-for-microbiology": [
        "Sambrook J, Russell DW. 2001. Molecular cloning: a laboratory manual, 3rd ed. Cold Spring Harbor "
        "Laboratory Press, Cold Spring Harbor, NY.",
        "Hatfull GF. 2012. The secret lives of mycobacteriophages, p 179–288. In Łobocka M, Szybalski WT (ed), "
        "Advances in virus research, vol 82. Academic Press, San Diego, CA.",
    ],
    "ieee": [
        "I. Goodfellow, Y. Bengio, and A. Courville, Deep Learning. Cambridge, MA, USA: MIT Press, 2016.",
        "K. He, X. Zhang, S. Ren, and J. Sun, “Deep residual learning for image recognition,” in Proc. IEEE "
        "Conf. Comput. Vis. Pattern Recognit. (CVPR), Las Vegas, NV, USA, 2016, pp. 770–778.",
        "A. Krizhevsky, I. Sutskever, and G. E. Hinton, “ImageNet classification with deep convolutional "
        "neural networks,” in Proc. Adv. Neural Inf. Process. Syst. (NIPS), 2012, pp. 1097–1105.",
        "A. Vaswani et al., “Attention is all you need,” 2017, arXiv:1706.03762.",
        "O. Ronneberger, P. Fischer, and T. Brox, “U-Net: Convolutional networks for biomedical image "
        "segmentation,” in Medical Image Computing and Computer-Assisted Intervention – MICCAI 2015 (Lecture "
        "Notes in Computer Science, vol. 9351). Cham, Switzerland: Springer, 2015, pp. 234–241.",
    ],
    "american-chemical-society": [
        "Sambrook, J.; Russell, D. W. Molecular Cloning: A Laboratory Manual, 3rd ed.; Cold Spring Harbor "
        "Laboratory Press: Cold Spring Harbor, NY, 2001.",
    ],
    "annual-reviews": [
        "Alberts B, Johnson A, Lewis J, Raff M, Roberts K, Walter P. 2002. Molecular Biology of the Cell. "
        "New York: Garland Sci. 4th ed.",
    ],
    "american-physics-society": [
        "L. McInnes, J. Healy, and J. Melville, arXiv:1802.03426.",
        "J. S. Bell, Physics 1, 195 (1964).",
        "M. E. J. Newman, Networks: An Introduction (Oxford University Press, Oxford, 2010).",
    ],
}

# ---------------------------------------------------------------------------------------------
# The lists
# ---------------------------------------------------------------------------------------------

LISTS = [
    dict(file="vancouver-elsevier.txt", style="elsevier-vancouver", label="[{}] ", journal="nlm",
         doc="journal.pmed.0030520",
         refs=["b004", "b005", "b006", "b010", "b012", "b014", "b015", "b016", "b026", "b036", "b050", "b051",
               "b063"],
         hand=["hoffmann2020", "stuart2019", "gbd2019", "stead2008", "ada2021", "moher2009", "jinek2013"]),
    dict(file="ama.txt", style="american-medical-association", label="{}. ", journal="nlm",
         doc="journal.pmed.1001473",
         refs=["May1", "Tran1", "Barnett1", "McArthur1", "Salter1", "Shippee1", "Mackenzie1", "Rosewilliam1",
               "Murray1", "Pringle1", "Kirkevold1"],
         hand=["whelton2018", "ada2021", "jefferson2014", "hoffmann2020", "polack2020", "baden2021",
               "gbd2019risk", "jack2018", "blancomelo2020"]),
    dict(file="lancet.txt", style="the-lancet", label="{} ", journal="nlm", doc="journal.pmed.0020124",
         refs=["b2", "b3", "b4", "b6", "b9", "b11", "b13", "b14", "b18", "b36"],
         hand=["gbd2019", "gbd2019risk", "recovery2021", "hoffmann2020", "roberts2017", "sung2021", "page2021",
               "sterne2019", "blancomelo2020"]),
    dict(file="bmj.txt", style="bmj", label="{} ", journal="nlm", doc="journal.pmed.0020171",
         refs=["b10", "b12", "b13", "b16", "b20", "b27", "b30", "b35", "b37", "b38", "b46", "b02"],
         hand=["page2021", "sterne2019", "walls2020", "wolock2019"]),
    dict(file="nature.txt", style="nature", label="{}. ", journal="dotted", doc="journal.pcbi.1004156",
         refs=["ref001", "ref002", "ref003", "ref004", "ref005", "ref006", "ref015", "ref016", "ref018", "ref020",
               "ref023", "ref024", "ref027", "ref030"],
         hand=["lecun2015", "jumper2021", "hoffmann2020", "takahashi2006", "mcginnis2019", "jinek2013"]),
    dict(file="science.txt", style="science", label="{}. ", journal="dotted", doc="elife02304",
         refs=["bib2", "bib3", "bib7", "bib8", "bib13", "bib26", "bib30", "bib35", "bib47", "bib49", "bib52",
               "bib53", "bib58", "bib60"],
         hand=["jinek2012", "jinek2013", "cong2013", "walls2020", "takahashi2007"]),
    dict(file="cell.txt", style="cell", label="{}. ", journal="dotted", doc="elife04953",
         refs=["bib9", "bib10", "bib12", "bib15", "bib18", "bib29", "bib30", "bib33", "bib50", "bib61", "bib64",
               "bib76", "bib89", "bib92"],
         hand=["hoffmann2020", "walls2020", "stuart2019", "wolock2019", "mcginnis2019", "takahashi2007",
               "hanahan2011"]),
    dict(file="apa7.txt", style="apa", label=None, journal="full", doc="journal.pone.0068090",
         refs=["B2", "B3", "B4", "B5", "B6", "B8", "B12", "B25", "B29", "B31", "B32", "B33", "B34", "B45", "B49"],
         hand=["hoffmann2020", "stuart2019", "gbd2019"]),
    dict(file="harvard.txt", style="harvard-cite-them-right", label=None, journal="full", doc="elife00007",
         refs=["bib2", "bib7", "bib9", "bib18", "bib27", "bib29", "bib33", "bib35", "bib39", "bib44", "bib48",
               "bib49", "bib50", "bib54", "bib56", "bib61"],
         hand=["wolock2019", "lecun2015", "takahashi2006"]),
    dict(file="chicago-author-date.txt", style="chicago-author-date", label=None, journal="full",
         doc="journal.pone.0087236",
         refs=["Buckley1", "Forster1", "Forster2", "Pyron1", "Rogers3", "Feller1", "Emerson1", "Brandley1",
               "Clarke1", "Fabrezi5", "Krause6", "Ali4", "Bossuyt2", "Bossuyt3", "Pyron2", "Reilly1",
               "Emerson3"],
         hand=[]),
    dict(file="asm.txt", style="american-society-for-microbiology", label="{}. ", journal="nlm",
         doc="journal.pone.0016329",
         refs=["Wommack1", "Hendrix1", "Hyman1", "Hatfull2", "Kwan1", "Derbyshire1", "Belfort1", "Clark1",
               "Susskind1", "Martinsohn1", "Snapper1", "Soloff1", "DonnellyWu1", "Krumsiek1", "Lowe1", "Laslett1",
               "Ford1", "Delcher1"],
         hand=["wolock2019", "mcginnis2019", "jinek2012"]),
    dict(file="ieee.txt", style="ieee", label="[{}] ", journal="dotted", doc="journal.pcbi.1004692",
         refs=["ref001", "ref005", "ref007", "ref010", "ref020", "ref046", "ref051", "ref070", "ref082", "ref089",
               "ref092"],
         hand=["lecun2015", "vandermaaten2008"]),
    dict(file="acs.txt", style="american-chemical-society", label="({}) ", journal="dotted",
         doc="journal.pone.0100977",
         refs=["Blackshear1", "Brooks1", "Cao1", "Carballo1", "Lai2", "Carballo3", "Cao5", "Cao7", "Cao8", "Kedar1",
               "Lai3", "Kaneda1", "Taylor2", "Cao10"],
         hand=["jinek2012", "walls2020"]),
    dict(file="annual-reviews.txt", style="annual-reviews", label="{}. ", journal="dotted", doc="elife05031",
         refs=["bib1", "bib3", "bib5", "bib12", "bib18", "bib19", "bib24", "bib29", "bib31", "bib33",
               "bib37", "bib38", "bib40", "bib42", "bib44"],
         hand=["hanahan2011", "takahashi2006", "stuart2019", "hoffmann2020"]),
    dict(file="aps-titleless.txt", style="american-physics-society", label="[{}] ", journal="dotted",
         doc="journal.pcbi.1004152", titleless=True,
         refs=["ref001", "ref003", "ref005", "ref006", "ref008", "ref018", "ref020", "ref042", "ref043",
               "ref044", "ref050", "ref052", "ref057", "ref062", "ref063"],
         hand=["epr1935", "einstein1905", "heisenberg1927", "barabasi1999", "watts1998", "newman2001"]),
]

# RSC (Royal Society of Chemistry) numeric, titleless: written by format_rsc(), no CSL style here.
RSC_LIST = dict(file="rsc-titleless.txt", doc="journal.pcbi.1002484",
                refs=["Liu1", "Singleton1", "Panayotatos1", "Mizuuchi1", "Benham1", "Benham2",
                      "FrankKamenetskii1", "Peck2", "Ho1", "Aboulela1", "Breslauer1", "Delcourt1", "Fye1",
                      "Nordheim1", "Rahmouni1", "Jaworski1", "Wang2"],
                hand=["watts1998", "jinek2012", "jinek2013", "hoffmann2020", "epr1935"])

# Reference strings exactly as PLOS printed them (`original`), renumbered from 1.
PLOS_ORIGINALS = [
    dict(file="plos-author-year-originals.txt", doc="journal.pcbi.1004113",
         labels=["1", "2", "3", "5", "6", "7", "8", "9", "11", "12", "14", "17", "18", "19", "21", "22", "24",
                 "25", "28", "29", "30", "31", "32", "39", "40", "45", "47", "48", "50", "52", "53"]),
    dict(file="plos-vancouver-originals.txt", doc="journal.pone.0147124",
         labels=["2", "4", "5", "6", "11", "15", "16", "17", "26", "29", "34", "37", "38", "39", "40", "42",
                 "45", "47", "50", "51", "52", "53"]),
    dict(file="plos-vancouver-originals-2.txt", doc="journal.pone.0119705",
         labels=["3", "4", "5", "7", "10", "11", "14", "18", "19", "21", "22", "24", "25", "26", "27", "28",
                 "29", "31", "32", "34", "35"]),
]

# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

# Styles whose names take "Jr." / "III" rather than NLM's "Jr" / "3rd".
WESTERN_SUFFIX = {"apa", "chicago-author-date", "harvard-cite-them-right", "ieee", "american-chemical-society",
                  "cell", "science", "american-physics-society"}
SUFFIX_LONG = {"Jr": "Jr.", "3rd": "III", "2nd": "II", "III": "III", "Jnr": "Jr."}
SUFFIX_NLM = {"Jr": "Jr", "3rd": "3rd", "2nd": "2nd", "III": "3rd", "Jnr": "Jr"}
# Styles whose titles are printed in headline case; citeproc-py's title casing capitalizes
# p53-like symbols and not hyphenated second elements, so the titles are cased here instead.
HEADLINE = {"chicago-author-date", "american-chemical-society"}
JOURNAL_FORM = {"nlm": 0, "dotted": 1, "full": 2}
QUOTED_TITLES = {"chicago-author-date", "ieee", "harvard-cite-them-right"}

LOWER_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
               "on", "to", "up", "via", "from", "into", "with", "versus", "vs", "about", "above", "across",
               "after", "against", "along", "among", "around", "before", "behind", "below", "beneath",
               "beside", "between", "beyond", "during", "except", "inside", "near", "onto", "over", "past",
               "since", "through", "throughout", "toward", "towards", "under", "until", "upon", "within",
               "without"}
LATIN = {"in vitro": "In Vitro", "in vivo": "In Vivo", "in silico": "In Silico", "in situ": "In Situ"}
PREFIXES = {"anti", "co", "de", "inter", "intra", "multi", "non", "over", "post", "pre", "pro", "re", "semi",
            "sub", "super", "trans", "ultra", "un", "under"}


def headline_case(title: str) -> str:
    """Chicago-style headline case that leaves symbols (mRNA, p53, DNA) and species names as they are."""
    tokens = re.split(r"(\s+)", title)
    words = [i for i, t in enumerate(tokens) if t.strip()]
    out = list(tokens)
    after_colon = True
    for n, i in enumerate(words):
        tok = tokens[i]
        first, last = n == 0, n == len(words) - 1
        m = re.match(r"^([“‘\"'(]*)(.*?)([”’\"'),.:;?!]*)$", tok)
        lead, core, trail = m.groups()
        parts = core.split("-")
        new_parts = []
        for k, p in enumerate(parts):
            if not p or re.search(r"[A-Z0-9]", p[1:]) or re.search(r"\d", p) or not p[0].isalpha():
                new_parts.append(p)  # symbols, acronyms, numbers: as written
            elif p[0].isupper():
                new_parts.append(p)
            elif k == 0 and (first or last or after_colon or p.lower() not in LOWER_WORDS):
                new_parts.append(p[0].upper() + p[1:])
            elif k > 0 and parts[0].lower() not in PREFIXES and p.lower() not in LOWER_WORDS:
                new_parts.append(p[0].upper() + p[1:])
            else:
                new_parts.append(p)
        out[i] = lead + "-".join(new_parts) + trail
        after_colon = trail.endswith(":")
    text = "".join(out)
    for low, cap in LATIN.items():
        text = re.sub(r"\b" + low.split()[0] + r"\s+" + low.split()[1].capitalize() + r"\b", cap, text)
        text = re.sub(r"\b" + low + r"\b", cap, text, flags=re.I)
    return text


def load_style(name: str):
    from citeproc import CitationStylesStyle
    from lxml import etree

    path = STYLES / f"{name}.csl"
    if name not in HEADLINE:
        return CitationStylesStyle(str(path), validate=False)
    tree = etree.parse(str(path))
    for el in tree.iter():
        if el.get("variable") == "title" and el.get("text-case") == "title":
            del el.attrib["text-case"]
    from io import BytesIO
    return CitationStylesStyle(BytesIO(etree.tostring(tree)), validate=False)


def style_item(item: dict, style: str, journal: str, titleless: bool = False) -> dict:
    it = copy.deepcopy(item)
    it["container-title"] = it.pop("journal")[JOURNAL_FORM[journal]]
    table = SUFFIX_LONG if style in WESTERN_SUFFIX else SUFFIX_NLM
    for a in it.get("author", []):
        if "suffix" in a:
            a["suffix"] = table[a["suffix"]]
    if style == "american-medical-association" and "issue" in it:  # AMA: (suppl 1)
        it["issue"] = it["issue"].replace("Suppl", "suppl")
    if style in HEADLINE:
        it["title"] = headline_case(it["title"])
    if style in QUOTED_TITLES and "title" in it:  # a quotation inside a quoted title takes single quotes
        it["title"] = it["title"].replace("“", "‘").replace("”", "’")
    if style == "apa":  # APA capitalizes the first word after a colon
        it["title"] = re.sub(r"(: )([a-z])(?=[a-z]*\b)", lambda m: m.group(1) + m.group(2).upper(), it["title"])
    if titleless:
        it.pop("title", None)
    return it


def render(style_name: str, items: list[dict]) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    style = load_style(style_name)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for it in items:
        bib.register(Citation([CitationItem(it["id"])]))
    out = [tidy(str(e), style_name) for e in bib.bibliography()]
    if style_name == "annual-reviews":
        # citeproc-py puts the layout's ". " delimiter between the journal and its locator, which
        # the style prints as one piece (Nature 457:736-40)
        for i, it in enumerate(items):
            journal = it.get("container-title", "")
            if journal and not journal.endswith("."):
                out[i] = out[i].replace(f" {journal}. ", f" {journal} ", 1)
    for text in out:
        if PAD["family"] in text:
            raise SystemExit(f"{style_name}: prints more authors than written out: {text[:80]}")
    return out


def tidy(text: str, style: str) -> str:
    text = re.sub(r"^(?:\[\d+\]|\(\d+\)|\d+\.?)\s*", "", text) if style not in {"apa", "chicago-author-date",
                                                                              "harvard-cite-them-right"} else text
    text = re.sub(r"([?!])\.", r"\1", text)  # citeproc-py does not collapse punctuation
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    if style in {"ieee", "chicago-author-date"}:  # American punctuation inside the closing quote
        text = re.sub(r"”([.,])", r"\1”", text)
        if style == "chicago-author-date":
            text = re.sub(r"([?!])\.”", r"\1”", text)
    return text


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]", "", t).strip()


# Author-date order: first author, then the other authors (one author before several), then year
# (no date first), then title.
def item_key(item: dict) -> tuple:
    names = tuple(_fold(a.get("family") or a.get("literal", "")) for a in item["author"])
    return names, item["issued"]["date-parts"][0][0], _fold(item.get("title", ""))


def text_key(text: str) -> tuple:
    """The same key for a hand-written entry (its first author, year and what follows)."""
    first = re.split(r",| \(|\. ", text, maxsplit=1)[0]
    m = re.search(r"\((\d{4}|n\.d\.)\)|\. (\d{4})\. ", text)
    year = (m.group(1) or m.group(2)) if m else "0"
    return (_fold(first),), 0 if year == "n.d." else int(year), _fold(text[m.end():] if m else text)


def find_record(records: dict, doc: str, ref: str) -> str:
    """The id of reference `ref` of article `doc` (ids end in '#...-ref', '#....ref' or '#ref')."""
    found = [k for k in records if k.startswith(doc + "#") and re.search(r"[#.-]" + re.escape(ref) + "$", k)]
    if len(found) != 1:
        raise SystemExit(f"{doc}: {len(found)} records for {ref!r}")
    return found[0]


def build_csl_list(spec: dict, records: dict, journals: dict) -> str:
    style = spec["style"]
    corpus = []
    for ref in spec["refs"]:
        rid = find_record(records, spec["doc"], ref)
        corpus.append(style_item(corpus_item(records[rid], journals), style, spec["journal"], spec.get("titleless")))
    hand = [style_item(HAND[h], style, spec["journal"], spec.get("titleless")) for h in spec["hand"]]
    verbatim = VERBATIM.get(style, [])
    rnd = random.Random(f"{SEED}:{spec['file']}")
    if spec["label"] is None:  # author-date: the style sorts; hand-written entries join in order
        items = corpus + hand
        keyed = [(item_key(it), text) for it, text in zip(items, render(style, items), strict=True)]
        keyed += [(text_key(v), v) for v in verbatim]
        return "\n".join(text for _, text in sorted(keyed)) + "\n"
    order = list(corpus)
    for it in hand:
        order.insert(rnd.randint(1, len(order)), it)
    rendered = render(style, order)
    for v in verbatim:
        rendered.insert(rnd.randint(1, len(rendered)), v)
    return "".join(spec["label"].format(n) + e + "\n" for n, e in enumerate(rendered, 1))


def format_rsc(item: dict) -> str:
    """RSC: 'A. B. Name, C. Name and D. Name, J. Abbr., 2017, 6, 123.' (first page only, no title)."""
    names = []
    for a in item["author"]:
        if "literal" in a:
            names.append(a["literal"])
            continue
        given = _initials(a["given"]) if re.fullmatch(r"[A-Z.\s-]+", a["given"]) else \
            " ".join(f"{p[0]}." if "-" not in p else "-".join(f"{q[0]}." for q in p.split("-"))
                     for p in a["given"].replace(".", ". ").split())
        names.append(f"{given} {a['family']}")
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    year = item["issued"]["date-parts"][0][0]
    first = item["page"].split("-")[0]
    vol = f"{item['volume']}, " if item.get("volume") else ""
    journal = item["journal"][1].replace(" (London)", "").replace(" (Leipzig)", "")
    return f"{authors}, {journal}, {year}, {vol}{first}."


def build_rsc(records: dict, journals: dict) -> str:
    spec = RSC_LIST
    items = []
    for ref in spec["refs"]:
        rid = find_record(records, spec["doc"], ref)
        items.append(corpus_item(records[rid], journals))
    rnd = random.Random(f"{SEED}:{spec['file']}")
    for h in spec["hand"]:
        items.insert(rnd.randint(1, len(items)), HAND[h])
    return "".join(f"{n} {format_rsc(it)}\n" for n, it in enumerate(items, 1))


def build_originals(spec: dict, records: dict) -> str:
    by_label = {r["label"]: r for r in records.values() if r["doc"] == spec["doc"] and r.get("original")}
    lines = [by_label[lab]["original"].strip() for lab in spec["labels"]]
    return "".join(f"{n}. {s}\n" for n, s in enumerate(lines, 1))


def build() -> dict[str, str]:
    records = load_records()
    journals = load_journals()
    out = {}
    for spec in LISTS:
        out[spec["file"]] = build_csl_list(spec, records, journals)
    out[RSC_LIST["file"]] = build_rsc(records, journals)
    for spec in PLOS_ORIGINALS:
        out[spec["file"]] = build_originals(spec, records)
    out.update(HAND_WRITTEN_LISTS)
    return out


# Lists written entirely by hand from the records of real publications (see SOURCES.md):
# the ICMJE/NLM sample references and other well-known publications in NLM style, and an
# AGU (pre-2013) list, whose page numbers of five digits take a thousands separator.
HAND_WRITTEN_LISTS = {
    "vancouver-icmje.txt": "".join(f"{n}. {s}\n" for n, s in enumerate([
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. N Engl J Med. "
        "2002 Jul 25;347(4):284-7.",
        "Rose ME, Huerbin MB, Melick J, Marion DW, Palmer AM, Schiding JK, et al. Regulation of interstitial "
        "excitatory amino acid concentrations after cortical contusion injury. Brain Res. 2002;935(1-2):40-6.",
        "Hoffmann M, Kleine-Weber H, Schroeder S, Krüger N, Herrler T, Erichsen S, et al. SARS-CoV-2 cell entry "
        "depends on ACE2 and TMPRSS2 and is blocked by a clinically proven protease inhibitor. Cell. "
        "2020;181(2):271-80.e8.",
        "Diabetes Prevention Program Research Group. Hypertension, insulin, and proinsulin in participants with "
        "impaired glucose tolerance. Hypertension. 2002;40(5):679-86.",
        "Stuart T, Butler A, Hoffman P, Hafemeister C, Papalexi E, Mauck WM 3rd, et al. Comprehensive "
        "integration of single-cell data. Cell. 2019;177(7):1888-902.e21.",
        "Geraud G, Spierings EL, Keywood C. Tolerability and safety of frovatriptan with short- and long-term "
        "use for treatment of migraine and in comparison with sumatriptan. Headache. 2002;42 Suppl 2:S93-9.",
        "Glauser TA. Integrating clinical trial data into clinical practice. Neurology. 2002;58(12 Suppl "
        "7):S6-12.",
        "GBD 2019 Diseases and Injuries Collaborators. Global burden of 369 diseases and injuries in 204 "
        "countries and territories, 1990-2019: a systematic analysis for the Global Burden of Disease Study "
        "2019. Lancet. 2020;396(10258):1204-22.",
        "Hemilä H, Chalker E. Vitamin C for preventing and treating the common cold. Cochrane Database Syst Rev. "
        "2013;(1):CD000980.",
        "Roberts D, Brown J, Medley N, Dalziel SR. Antenatal corticosteroids for accelerating fetal lung "
        "maturation for women at risk of preterm birth. Cochrane Database Syst Rev. 2017;3(3):CD004454.",
        "Wolock SL, Lopez R, Klein AM. Scrublet: computational identification of cell doublets in single-cell "
        "transcriptomic data. Cell Syst. 2019;8(4):281-91.e9.",
        "Nishimura RA, Otto CM, Bonow RO, Carabello BA, Erwin JP 3rd, Guyton RA, et al. 2014 AHA/ACC guideline "
        "for the management of patients with valvular heart disease: a report of the American College of "
        "Cardiology/American Heart Association Task Force on Practice Guidelines. J Am Coll Cardiol. "
        "2014;63(22):e57-e185.",
        "Moher D, Liberati A, Tetzlaff J, Altman DG; PRISMA Group. Preferred reporting items for systematic "
        "reviews and meta-analyses: the PRISMA statement. PLoS Med. 2009;6(7):e1000097.",
        "Evans R, O'Neill M, Pritzel A, Antropova N, Senior A, Green T, et al. Protein complex prediction with "
        "AlphaFold-Multimer. bioRxiv. 2021:2021.10.04.463034.",
        "Lin Z, Akin H, Rao R, Hie B, Zhu Z, Lu W, et al. Language models of protein sequences at the scale of "
        "evolution enable accurate structure prediction. bioRxiv. 2022:2022.07.20.500902.",
        "Vaswani A, Shazeer N, Parmar N, Uszkoreit J, Jones L, Gomez AN, et al. Attention is all you need "
        "[Preprint]. arXiv:1706.03762. 2017 [cited 2024 Jan 15]. Available from: "
        "https://arxiv.org/abs/1706.03762",
        "Murray PR, Rosenthal KS, Kobayashi GS, Pfaller MA. Medical microbiology. 4th ed. St. Louis: Mosby; "
        "2002.",
        "Gilstrap LC 3rd, Cunningham FG, VanDorsten JP, editors. Operative obstetrics. 2nd ed. New York: "
        "McGraw-Hill; 2002.",
        "Meltzer PS, Kallioniemi A, Trent JM. Chromosome alterations in human solid tumors. In: Vogelstein B, "
        "Kinzler KW, editors. The genetic basis of human cancer. New York: McGraw-Hill; 2002. p. 93-113.",
        "Harnden P, Joffe JK, Jones WG, editors. Germ cell tumours V. Proceedings of the 5th Germ Cell Tumour "
        "Conference; 2001 Sep 13-15; Leeds, UK. New York: Springer; 2002.",
        "Borkowski MM. Infant sleep and feeding: a telephone survey of Hispanic Americans [dissertation]. "
        "Mount Pleasant (MI): Central Michigan University; 2002.",
        "World Health Organization. Global tuberculosis report 2020. Geneva: World Health Organization; 2020.",
        "Foley KM, Gelband H, editors. Improving palliative care for cancer [Internet]. Washington: National "
        "Academy Press; 2001 [cited 2002 Jul 9]. Available from: http://www.nap.edu/books/0309074029/html/.",
        "Cancer-Pain.org [Internet]. New York: Association of Cancer Online Resources, Inc.; c2000-01 [updated "
        "2002 May 16; cited 2002 Jul 9]. Available from: http://www.cancer-pain.org/.",
        "Alzheimer A. Über eine eigenartige Erkrankung der Hirnrinde [On a peculiar disease of the cerebral "
        "cortex]. Allg Z Psychiatr Psych Gerichtl Med. 1907;64:146-8. German.",
        "Chagas C. Nova tripanozomiaze humana: estudos sobre a morfolojia e o ciclo evolutivo do "
        "Schizotrypanum cruzi n. gen., n. sp., ajente etiolojico de nova entidade morbida do homem [New human "
        "trypanosomiasis: studies on the morphology and life cycle of Schizotrypanum cruzi n. gen., n. sp., "
        "etiological agent of a new morbid entity of man]. Mem Inst Oswaldo Cruz. 1909;1(2):159-218. "
        "Portuguese.",
        "Pasteur L. Mémoire sur la fermentation appelée lactique. C R Hebd Seances Acad Sci. 1857;45:913-6. "
        "French.",
        "Ramón y Cajal S. Textura del sistema nervioso del hombre y de los vertebrados. Madrid: Nicolás Moya; "
        "1899-1904. Spanish.",
        "He K, Zhang X, Ren S, Sun J. Deep residual learning for image recognition. In: 2016 IEEE Conference on "
        "Computer Vision and Pattern Recognition (CVPR); 2016 Jun 27-30; Las Vegas, NV. Piscataway (NJ): IEEE; "
        "2016. p. 770-8.",
        "Jack CR Jr, Bennett DA, Blennow K, Carrillo MC, Dunn B, Haeberlein SB, et al. NIA-AA Research "
        "Framework: toward a biological definition of Alzheimer's disease. Alzheimers Dement. "
        "2018;14(4):535-62.",
        "van der Maaten L, Hinton G. Visualizing data using t-SNE. J Mach Learn Res. 2008;9:2579-605.",
        "World Health Organization. WHO Coronavirus (COVID-19) Dashboard [Internet]. Geneva: World Health "
        "Organization; 2020 [cited 2023 Mar 1]. Available from: https://covid19.who.int/",
    ], 1)),
    "agu-thousands.txt": "".join(s + "\n" for s in [
        "Brohan, P., J. J. Kennedy, I. Harris, S. F. B. Tett, and P. D. Jones (2006), Uncertainty estimates in "
        "regional and global observed temperature changes: A new data set from 1850, J. Geophys. Res., 111, "
        "D12106, doi:10.1029/2005JD006548.",
        "Hansen, J., and S. Lebedeff (1987), Global trends of measured surface air temperature, J. Geophys. "
        "Res., 92(D11), 13,345–13,372.",
        "Hansen, J., I. Fung, A. Lacis, D. Rind, S. Lebedeff, R. Ruedy, G. Russell, and P. Stone (1988), Global "
        "climate changes as forecast by Goddard Institute for Space Studies three-dimensional model, J. "
        "Geophys. Res., 93(D8), 9341–9364.",
        "Hansen, J., M. Sato, and R. Ruedy (1997), Radiative forcing and climate response, J. Geophys. Res., "
        "102(D6), 6831–6864.",
        "Hansen, J., R. Ruedy, M. Sato, and K. Lo (2010), Global surface temperature change, Rev. Geophys., 48, "
        "RG4004, doi:10.1029/2010RG000345.",
        "Holben, B. N., et al. (1998), AERONET—A federated instrument network and data archive for aerosol "
        "characterization, Remote Sens. Environ., 66(1), 1–16.",
        "Intergovernmental Panel on Climate Change (2013), Climate Change 2013: The Physical Science Basis. "
        "Contribution of Working Group I to the Fifth Assessment Report of the Intergovernmental Panel on "
        "Climate Change, edited by T. F. Stocker et al., 1535 pp., Cambridge Univ. Press, Cambridge, U. K.",
        "Jones, P. D., M. New, D. E. Parker, S. Martin, and I. G. Rigor (1999), Surface air temperature and its "
        "changes over the past 150 years, Rev. Geophys., 37(2), 173–199.",
        "Kalnay, E., et al. (1996), The NCEP/NCAR 40-year reanalysis project, Bull. Am. Meteorol. Soc., 77(3), "
        "437–471.",
        "Kaufman, Y. J., D. Tanré, L. A. Remer, E. F. Vermote, A. Chu, and B. N. Holben (1997), Operational "
        "remote sensing of tropospheric aerosol over land from EOS moderate resolution imaging "
        "spectroradiometer, J. Geophys. Res., 102(D14), 17,051–17,067.",
        "Kiehl, J. T., and K. E. Trenberth (1997), Earth's annual global mean energy budget, Bull. Am. "
        "Meteorol. Soc., 78(2), 197–208.",
        "Mlawer, E. J., S. J. Taubman, P. D. Brown, M. J. Iacono, and S. A. Clough (1997), Radiative transfer "
        "for inhomogeneous atmospheres: RRTM, a validated correlated-k model for the longwave, J. Geophys. "
        "Res., 102(D14), 16,663–16,682.",
        "Myhre, G., E. J. Highwood, K. P. Shine, and F. Stordal (1998), New estimates of radiative forcing due "
        "to well mixed greenhouse gases, Geophys. Res. Lett., 25(14), 2715–2718.",
        "Rayner, N. A., D. E. Parker, E. B. Horton, C. K. Folland, L. V. Alexander, D. P. Rowell, E. C. Kent, "
        "and A. Kaplan (2003), Global analyses of sea surface temperature, sea ice, and night marine air "
        "temperature since the late nineteenth century, J. Geophys. Res., 108(D14), 4407, "
        "doi:10.1029/2002JD002670.",
        "Sherwood, S. C., S. Bony, and J.-L. Dufresne (2014), Spread in model climate sensitivity traced to "
        "atmospheric convective mixing, Nature, 505, 37–42, doi:10.1038/nature12829.",
        "Tegen, I., and I. Fung (1994), Modeling of mineral dust in the atmosphere: Sources, transport, and "
        "optical thickness, J. Geophys. Res., 99(D11), 22,897–22,914.",
        "Thompson, D. W. J., and J. M. Wallace (1998), The Arctic Oscillation signature in the wintertime "
        "geopotential height and temperature fields, Geophys. Res. Lett., 25(9), 1297–1300.",
        "Trenberth, K. E., J. T. Fasullo, and J. Kiehl (2009), Earth's global energy budget, Bull. Am. "
        "Meteorol. Soc., 90(3), 311–323.",
    ]),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    files = build()
    stale = []
    for name, text in files.items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'wrote'} {len(files)} lists in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
