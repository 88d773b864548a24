"""One WTForms form per kind of fact, and the fact dict each one stands for.

The forms check only what the form itself encodes (one amount per line, "left = right"
pairs). Everything a bank must satisfy is left to the loader, so that a fact saved from the
browser passes exactly the checks of a fact written in a file: the view puts `to_fact()` into
the bank and maps the loader's errors back to these fields (services.fact_drafts).
Field names are the bank's keys.
"""
