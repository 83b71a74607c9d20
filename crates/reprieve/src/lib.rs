//! reprieve: retries for payment-style HTTP APIs, as a reqwest-middleware `Middleware` and a tower
//! `Layer` over [`reprieve_core`].
