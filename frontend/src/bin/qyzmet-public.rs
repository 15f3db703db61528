//! The public screens a first visit needs: the catalog, a state body, a service, the status check.

fn main() {
    qyzmet_frontend::start(qyzmet_frontend::Public);
}
