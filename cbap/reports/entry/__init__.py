"""Entering a national report in the browser, section by section.

`forms` translates between the questionnaire's BCH answer shapes and HTML form fields and checks
a draft before it is saved; `answers` reads stored answers for people; `baselines` shows the
previous cycle's answers and what changed; `progress` how far each section is; `rules` what
`static/reports/entry.js` needs to run the questionnaire's rules live; `markup` keeps the BCH's
HTML titles safe. The views parse, call one service of `cbap.reports.services`, and render.
"""
