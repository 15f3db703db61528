//! The whole portal: every screen, the signing worker beside it.

fn main() {
    qyzmet_frontend::start(qyzmet_frontend::Portal);
}
