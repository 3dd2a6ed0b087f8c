"""The HTTP service over the SDK: ``primarvard serve`` (needs ``primarvard-sdk[server]``).

- :mod:`~primarvard_sdk.service.app` — the Starlette application (:func:`create_app`);
- :mod:`~primarvard_sdk.service.openapi` — the OpenAPI 3.1 document, from the SDK's JSON Schemas;
- :mod:`~primarvard_sdk.service.cds` — CDS Hooks 2.0 services and the card builder;
- :mod:`~primarvard_sdk.service.fhir` — FHIR R4 resources mapped to documents (``[fhir]`` extra);
- :mod:`~primarvard_sdk.service.auth` — bearer tokens and JWTs (PyJWT);
- :mod:`~primarvard_sdk.service.config` — settings and limits.

Importing this package imports none of the optional dependencies; the core never imports it.
"""
