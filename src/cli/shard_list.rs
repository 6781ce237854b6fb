//! Which shard `extract` runs: `--shard I/N`, `--shards N` (the index from the environment),
//! and `--shard-list FILE` (a plan; with neither of the others, its N and the index from the
//! environment).

use std::path::PathBuf;
use std::sync::Arc;

use agendapack::pipeline::Shard;
use agendapack::pipeline::plan::ShardList;

/// The shard to run and the shard list to run it by, or a usage error.
pub fn select(
    shard: Option<Shard>,
    shards: Option<u32>,
    list: Option<PathBuf>,
) -> Result<(Shard, Option<Arc<ShardList>>), String> {
    let list = list.map(|p| ShardList::read(&p).map(Arc::new)).transpose()?;
    let planned = list.as_ref().map(|l| l.shards);
    let shard = match (shard, shards.or(planned)) {
        (Some(s), _) => s,
        (None, Some(n)) => Shard::from_env(n)?,
        (None, None) => Shard::ALL,
    };
    if let Some(n) = planned {
        if n != shard.count {
            return Err(format!("the shard list plans {n} shards, not {}", shard.count));
        }
    }
    Ok((shard, list))
}
