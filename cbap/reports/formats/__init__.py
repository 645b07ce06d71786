"""National reports in and out of cbap as files.

One module per format, its reader and its writer side by side (`bch_json`: the BCH feed and
BCH documents; `long_csv`; `workbook`: one report as XLSX; `wide`: the analysis table, written
only). `importing` reads, checks and saves a whole file, all or nothing; `exporting` picks the
reports a download holds and `renderers` the writer by name; `jobs` runs uploads for the web.
"""
