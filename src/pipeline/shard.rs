//! Sharding: a deterministic split of documents by id, for Kubernetes Indexed Jobs and Slurm
//! job arrays.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

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
        self.count == 1 || Shard::index_for(key, self.count) == self.index
    }

    /// The index of the shard, of `count`, that the document keyed by `key` falls in.
    pub fn index_for(key: &str, count: u32) -> u32 {
        let head = key.get(..16).and_then(|h| u64::from_str_radix(h, 16).ok());
        let n = head.unwrap_or_else(|| fnv1a(key.as_bytes()));
        (n % u64::from(count.max(1))) as u32
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

    /// The shard a file name's [`Shard::suffix`] names, when `name` is `{prefix}{suffix}{ext}`
    /// (e.g. `_SUCCESS.shard-0003-of-0008` with prefix `_SUCCESS` and ext ``).
    pub fn from_file_name(name: &str, prefix: &str, ext: &str) -> Option<Shard> {
        let rest = name.strip_prefix(prefix)?.strip_suffix(ext)?.strip_prefix(".shard-")?;
        let (i, n) = rest.split_once("-of-")?;
        let digits = |s: &str| s.len() >= 4 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(i) || !digits(n) {
            return None;
        }
        Shard::new(i.parse().ok()?, n.parse().ok()?).ok()
    }
}

/// Which documents each shard takes: split by document id (the default), or as a shard list from
/// `agendapack plan` says, a document the list does not name falling back to the split by id.
#[derive(Debug, Clone, Default)]
pub struct Assignment {
    listed: Option<Arc<HashMap<String, u32>>>,
}

impl Assignment {
    /// Documents go where a shard list puts them (document id to 0-based shard).
    pub fn listed(shards: HashMap<String, u32>) -> Assignment {
        Assignment { listed: Some(Arc::new(shards)) }
    }

    /// Whether `shard` takes the document (or anything keyed by `key`).
    pub fn owns(&self, shard: &Shard, key: &str) -> bool {
        shard.count == 1 || self.shard_of(key, shard.count) == shard.index
    }

    /// The index of the shard, of `count`, that takes the document keyed by `key`.
    pub fn shard_of(&self, key: &str, count: u32) -> u32 {
        match self.listed.as_ref().and_then(|m| m.get(key)) {
            Some(s) => *s,
            None => Shard::index_for(key, count),
        }
    }

    /// Whether a shard list names this document.
    pub fn is_listed(&self, key: &str) -> bool {
        self.listed.as_ref().is_some_and(|m| m.contains_key(key))
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
        let named = |n: &str| Shard::from_file_name(n, "manifest", ".json");
        assert_eq!(named("manifest.shard-0003-of-0008.json"), Some(Shard { index: 3, count: 8 }));
        assert_eq!(named("manifest.shard-0008-of-0008.json"), None);
        assert_eq!(named("manifest.json"), None);
        assert_eq!(named("manifest.shard-3-of-8.json"), None);
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

    #[test]
    fn a_listed_document_goes_where_the_list_says_and_others_by_id() {
        let id = "89a7eb97841dfc38aa00000000000000000000000000000000000000000000ff";
        let list = Assignment::listed(HashMap::from([("listed".to_string(), 2)]));
        let shard = |index| Shard { index, count: 3 };
        assert!(list.owns(&shard(2), "listed") && !list.owns(&shard(1), "listed"));
        assert!(list.is_listed("listed") && !list.is_listed(id));
        // Not listed: 0x89a7eb97841dfc38 % 3 == 1, as without a list.
        assert!(list.owns(&shard(1), id) && !list.owns(&shard(2), id));
        assert!(Assignment::default().owns(&shard(1), id));
    }
}
