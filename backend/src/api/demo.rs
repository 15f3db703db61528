//! The demo's key files: every demo person's signing and sign-in keys from the built-in test CA,
//! as `.p12` files protected by the demo password, plus a revoked and an expired one to try the
//! refusals. Offered only while the test CA is trusted (`--demo`, `--test-ca`).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use qyzmet_shared::eds::keyfile::{self, RANDOM_BYTES, Style};
use qyzmet_shared::signature::{DemoKeyFile, SignatureAlgorithm};
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use crate::error::AppResult;
use crate::signatures::test_ca::TestCa;

fn test_ca(state: &AppState) -> Result<&TestCa, ApiError> {
    state.test_ca.as_deref().ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// The demo key files, by person.
#[utoipa::path(get, path = "/demo/key-files", tag = "signatures",
    responses((status = 200, body = Vec<DemoKeyFile>, description = "Password of every file: the demo password"),
        (status = 404, body = ApiError, description = "The test CA is not trusted here")))]
pub async fn key_files(State(state): State<AppState>) -> AppResult<Json<Vec<DemoKeyFile>>> {
    let files = test_ca(&state)?
        .keys
        .iter()
        .map(|key| DemoKeyFile {
            name: format!("{}.p12", key.name()),
            iin: key.iin.clone(),
            holder: DEMO_ACCOUNTS
                .iter()
                .find(|d| d.id_number == key.iin)
                .map(|d| d.full_name.to_owned())
                .unwrap_or_default(),
            purpose: key.purpose,
            standing: key.standing,
            algorithm: if key.gost {
                SignatureAlgorithm::Gost2015
            } else {
                SignatureAlgorithm::EcdsaP256Sha256
            },
        })
        .collect();
    Ok(Json(files))
}

/// One demo key file, written as the national CA's tools write them.
#[utoipa::path(get, path = "/demo/key-files/{name}", tag = "signatures",
    params(("name" = String, Path, description = "`[gost-]{iin}-{sign|auth}-{valid|revoked|expired}.p12`")),
    responses((status = 200, content_type = "application/x-pkcs12", description = "The key file"),
        (status = 404, body = ApiError)))]
pub async fn key_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> AppResult<Response> {
    let test_ca = test_ca(&state)?;
    let key = name
        .strip_suffix(".p12")
        .and_then(|stem| test_ca.keys.iter().find(|k| k.name() == stem))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let mut random = [0u8; RANDOM_BYTES];
    OsRng.fill_bytes(&mut random);
    let file =
        keyfile::write(&key.private_key, &key.certificate, DEMO_PASSWORD, Style::Legacy, &random);
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-pkcs12".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file,
    )
        .into_response())
}
