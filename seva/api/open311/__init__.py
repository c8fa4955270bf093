"""Open311 GeoReport v2 at /open311/v2/: our complaint categories as services, complaints as
service requests, in JSON and XML shaped exactly as the spec's examples."""
