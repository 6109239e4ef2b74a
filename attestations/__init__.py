"""The one attestation pipeline for the three kinds: suivi (lms), réussite (final validation), stage (internships).

Layer: above `cohorts`, beside `tasks`. The feature apps create attestations through
`attestations.services.attestation_issue(...)` and point at them (a decision, a placement); this app knows
none of them. One model, one code generator (`core.codes`), one PDF helper (`core.pdf`), one public
verification page.

The PDF is rendered on demand from what was stored at issue time (names, dates, `payload`, the template
name), not kept as a file: the content cannot drift from the record, there is no file to store, back up or
erase, and the verification page and the PDF read the same row.
"""
