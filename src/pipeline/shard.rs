//! Sharding: a deterministic split of documents by id, for Kubernetes Indexed Jobs and Slurm
//! job arrays.

use std::str::FromStr;

/// Shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// Environment variables that carry a shard index, in the order they are read.
pub const INDEX_VARS: &[&str] = &["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

impl Shard {
    /// The whole corpus.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    pub fn new(index: u32, count: u32) -> Result<Shard, String> {
        if count == 0 {
            return Err("the number of shards must be at least 1".into());
        }
        if index >= count {
            return Err(format!("shard index {index} is out of range 0..{count}"));
        }
        Ok(Shard { index, count })
    }

    /// The shard named by `JOB_COMPLETION_INDEX` or `SLURM_ARRAY_TASK_ID`, of `count` shards.
    pub fn from_env(count: u32) -> Result<Shard, String> {
        Self::from_lookup(count, |k| std::env::var(k).ok())
    }

    /// As [`Shard::from_env`], reading variables through `get`.
    pub fn from_lookup(count: u32, get: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        for var in INDEX_VARS {
            if let Some(v) = get(var) {
                let index = v
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| format!("{var}={v:?} is not a shard index"))?;
                return Shard::new(index, count);
            }
        }
        Err(format!("--shards {count} needs the shard index in {}", INDEX_VARS.join(" or ")))
    }

    /// Whether the document (or anything keyed by `key`, a hex SHA-256) falls in this shard.
    pub fn owns(&self, key: &str) -> bool {
        if self.count == 1 {
            return true;
        }
        let head = key.get(..16).and_then(|h| u64::from_str_radix(h, 16).ok());
        let n = head.unwrap_or_else(|| fnv1a(key.as_bytes()));
        n % u64::from(self.count) == u64::from(self.index)
    }

    /// Inserted before the extension of this shard's tables, manifest and marker: empty for an
    /// unsharded run, `.shard-0003-of-0008` otherwise.
    pub fn suffix(&self) -> String {
        if self.count == 1 {
            String::new()
        } else {
            format!(".shard-{:04}-of-{:04}", self.index, self.count)
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

impl FromStr for Shard {
    type Err = String;

    /// `i/N`, 0-based: `0/4` .. `3/4`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) =
            s.split_once('/').ok_or_else(|| format!("shard {s:?} is not of the form i/N"))?;
        let index = i.trim().parse().map_err(|_| format!("shard index {i:?} is not a number"))?;
        let count = n.trim().parse().map_err(|_| format!("shard count {n:?} is not a number"))?;
        Shard::new(index, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_shard_specs() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert!("4/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x/3".parse::<Shard>().is_err());
        assert!("3".parse::<Shard>().is_err());
    }

    #[test]
    fn reads_the_index_from_kubernetes_then_slurm() {
        let k8s = |k: &str| (k == "JOB_COMPLETION_INDEX").then(|| "3".to_string());
        assert_eq!(Shard::from_lookup(5, k8s), Ok(Shard { index: 3, count: 5 }));
        let slurm = |k: &str| (k == "SLURM_ARRAY_TASK_ID").then(|| "1".to_string());
        assert_eq!(Shard::from_lookup(2, slurm), Ok(Shard { index: 1, count: 2 }));
        assert!(Shard::from_lookup(2, |_| None).is_err());
        assert!(Shard::from_lookup(2, slurm).is_ok_and(|s| s.suffix() == ".shard-0001-of-0002"));
    }

    #[test]
    fn every_id_falls_in_exactly_one_shard() {
        let ids = [
            "89a7eb97841dfc38aa00000000000000000000000000000000000000000000ff",
            "44206e63360eab1800000000000000000000000000000000000000000000000a",
            "d08e34e2df91019d000000000000000000000000000000000000000000000001",
            "not-hex",
        ];
        for id in ids {
            let owners: Vec<u32> =
                (0..3).filter(|i| Shard { index: *i, count: 3 }.owns(id)).collect();
            assert_eq!(owners.len(), 1, "{id}");
        }
        // 0x89a7eb97841dfc38 % 3 == 1
        assert!(Shard { index: 1, count: 3 }.owns(ids[0]));
        assert!(Shard::ALL.owns("anything"));
    }
}
