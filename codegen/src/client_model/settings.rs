//! The builder's settings and the `Plan` enum: the module's own settings, one per manifest
//! header setting (headers sharing a setting share its method), and a variant per plan,
//! each name claimed in its scope.

use crate::diag::Diagnostics;
use crate::documents::Documents;
use crate::manifest::{Manifest, RatePeriod};
use crate::names::{field_name, variant_name};
use crate::source::FileId;

use super::model::{Auth, HeaderSetting, Plan, Setting};
use super::names::{Claimant, Scope};

/// The builder's methods, in emission order, their names claimed.
pub(super) fn settings(
    docs: &Documents,
    file: FileId,
    manifest: &Manifest,
    auth: Auth,
    diags: &mut Diagnostics,
) -> Vec<Setting> {
    let mut own = Vec::new();
    if auth == Auth::Bearer {
        own.push(Setting::Token);
    }
    own.extend([Setting::BaseUrl, Setting::Shared]);
    if !manifest.rate_limits.is_empty() {
        own.push(Setting::Plan);
    }
    let mut scope = Scope::new("methods of `ClientBuilder`", &["build"]);
    for setting in &own {
        for name in setting.names() {
            scope.reserve(name);
        }
    }
    // By the setting as written: headers naming the same one share its value (`Origin`
    // and `Referer`); two spellings of one Rust name are a clash.
    let mut headers: Vec<(&str, HeaderSetting)> = Vec::new();
    for (i, header) in manifest.headers.iter().enumerate() {
        if let Some((_, shared)) = headers.iter_mut().find(|(raw, _)| *raw == header.setting) {
            shared.headers.push(header.name.clone());
            continue;
        }
        let method = field_name(&header.setting);
        let claimant = Claimant {
            location: docs.location(file, &format!("/headers/{i}/setting")),
            what: format!("header setting `{}`", header.setting),
            fix: "choose another `setting` name".into(),
        };
        // A clash is reported once, at the setting's first header; the run stops there.
        scope.claim(&method, claimant, diags);
        let setting = HeaderSetting {
            method,
            headers: vec![header.name.clone()],
            description: header.description.clone(),
        };
        headers.push((&header.setting, setting));
    }
    own.extend(headers.into_iter().map(|(_, h)| Setting::Header(h)));
    own.push(Setting::Build);
    own
}

/// The documented plans, one `Plan` variant each.
pub(super) fn plans(
    docs: &Documents,
    file: FileId,
    manifest: &Manifest,
    diags: &mut Diagnostics,
) -> Vec<Plan> {
    let mut scope = Scope::new("variants of `Plan`", &[]);
    let mut plans = Vec::new();
    for (i, limit) in manifest.rate_limits.iter().enumerate() {
        let variant = variant_name(&limit.plan);
        let claimant = Claimant {
            location: docs.location(file, &format!("/rate_limits/{i}/plan")),
            what: format!("plan `{}`", limit.plan),
            fix: "the client keeps one rate limit per plan: keep one entry for it, or name the \
                  plans apart"
                .into(),
        };
        if !scope.claim(&variant, claimant, diags) {
            continue;
        }
        let (period, seconds) = match limit.per {
            RatePeriod::Second => ("second", 1),
            RatePeriod::Minute => ("minute", 60),
            RatePeriod::Hour => ("hour", 3600),
            RatePeriod::Day => ("day", 86_400),
        };
        plans.push(Plan {
            variant,
            name: limit.plan.clone(),
            limit: limit.limit,
            unit: limit.unit.clone().unwrap_or_else(|| "requests".into()),
            period,
            seconds,
        });
    }
    plans
}
