"""Helpers of the citation-style benchmarks (render_styles.py, styles_eval.py, style_fixtures.py).

The structured journal records of ../shared/corpus/ are rendered in every CSL style of
../shared/corpus/csl-styles/ by citeproc-py (a dependency of these benchmarks only, never of
refslint), and what refslint reads and reports on the rendered lists is compared with what was
rendered.
"""
