//! Test providers (what generated code declares) and helpers shared by the client tests.

#![allow(dead_code)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use msgen_runtime::__private::{Auth, Client, ClientBuilder, Provider};

/// Declares a provider marker type with the given auth rules.
#[macro_export]
macro_rules! provider {
    ($name:ident, $auth:expr) => {
        #[derive(Debug)]
        pub struct $name;
        impl msgen_runtime::__private::Provider for $name {
            const NAME: &'static str = stringify!($name);
            const DEFAULT_BASE_URL: Option<&'static str> = None;
            const AUTH: &'static [msgen_runtime::__private::Auth] = $auth;
            const USER_AGENT: &'static str = "msgen-test";
        }
    };
}

provider!(NoAuth, &[]);
provider!(Bearer, &[Auth::bearer()]);
provider!(QueryKey, &[Auth::query("key")]);

/// A builder for `P` against `base`, with no retries unless a test sets them.
pub fn builder<P: Provider>(base: &str) -> ClientBuilder<P> {
    Client::<P>::builder()
        .base_url(base)
        .retry_policy(msgen_runtime::RetryPolicy::none())
}

/// Everything a tracing subscriber writes, for asserting a secret is absent.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
