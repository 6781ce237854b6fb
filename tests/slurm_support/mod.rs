//! A one-node Slurm cluster for the tests: munged, slurmctld and slurmd started from a temporary
//! folder (their configuration, key, socket, state and logs all in it, on ports free at the
//! time), client commands pointed at it through `SLURM_CONF`, and everything stopped when the
//! [`Cluster`] is dropped, also when a test fails half-way.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Programs the cluster needs (Debian packages `slurm-wlm` and `munge`).
const PROGRAMS: &[&str] =
    &["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "scontrol", "sinfo"];

/// Longest wait for one client command (`sbatch`, `squeue`...).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a program is: on `PATH`, or in the system folders root's `PATH` has.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Why a cluster cannot be started here, if it cannot: a missing program or not being root.
pub fn unavailable() -> Option<String> {
    let missing: Vec<&str> = PROGRAMS.iter().copied().filter(|p| which(p).is_none()).collect();
    if !missing.is_empty() {
        return Some(format!(
            "{} not installed (apt-get install slurm-wlm munge)",
            missing.join(", ")
        ));
    }
    let uid = Command::new("id").arg("-u").output().ok().filter(|o| o.status.success());
    match uid.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()) {
        Some(u) if u == "0" => None,
        Some(u) => Some(format!("slurmd runs jobs as root only here, and this is uid {u}")),
        None => Some("cannot tell the user id (id -u failed)".into()),
    }
}

/// Runs a command, killing it after `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{shown} did not finish in {timeout:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("{shown}: {e}")),
        }
    }
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_end(&mut stdout);
    }
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut stderr);
    }
    let status = child.wait().map_err(|e| format!("{shown}: {e}"))?;
    Ok(Output { status, stdout, stderr })
}

/// Two TCP ports free on the loopback address now.
fn free_ports() -> Result<(u16, u16), String> {
    let a = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let b = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port =
        |l: &std::net::TcpListener| l.local_addr().map(|a| a.port()).map_err(|e| e.to_string());
    Ok((port(&a)?, port(&b)?))
}

fn mem_total_mib() -> u64 {
    let info = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = info
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(4 << 20);
    kib / 1024
}

fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| format!("chmod {}: {e}", path.display()))
}

/// A running one-node cluster.
pub struct Cluster {
    pub dir: PathBuf,
    pub conf: PathBuf,
    daemons: Vec<(&'static str, Child)>,
    jobs: Vec<String>,
}

impl Cluster {
    /// Starts munged, slurmctld and slurmd with their files under `dir` (which must exist; munged
    /// wants the folders above its socket reachable by all) and waits until the node is idle. On
    /// failure, stops what it started and says why, with the daemons' logs.
    pub fn start(dir: &Path, startup: Duration) -> Result<Cluster, String> {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_string())
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "localhost".into());
        let (ctld_port, slurmd_port) = free_ports()?;
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let (munge, sock, log) = (dir.join("munge"), dir.join("sock"), dir.join("log"));
        for d in [&munge, &sock, &log, &dir.join("state"), &dir.join("spool")] {
            std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        set_mode(dir, 0o755)?;
        set_mode(&sock, 0o755)?;
        set_mode(&munge, 0o700)?;
        let key = munge.join("munge.key");
        let mut bytes = vec![0u8; 1024];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .map_err(|e| format!("/dev/urandom: {e}"))?;
        std::fs::write(&key, &bytes).map_err(|e| format!("{}: {e}", key.display()))?;
        set_mode(&key, 0o600)?;
        let socket = sock.join("munge.socket");
        let d = dir.display();
        let conf_text = format!(
            "ClusterName=agendapack-test\n\
             SlurmctldHost={host}(127.0.0.1)\n\
             SlurmctldPort={ctld_port}\nSlurmdPort={slurmd_port}\n\
             SlurmUser=root\nSlurmdUser=root\n\
             AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket={socket}\n\
             StateSaveLocation={d}/state\nSlurmdSpoolDir={d}/spool\n\
             SlurmctldPidFile={d}/slurmctld.pid\nSlurmdPidFile={d}/slurmd.pid\n\
             SlurmctldLogFile={d}/log/slurmctld.log\nSlurmdLogFile={d}/log/slurmd.log\n\
             ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n\
             SelectType=select/cons_tres\nSelectTypeParameters=CR_Core\n\
             SchedulerType=sched/backfill\nMpiDefault=none\nSwitchType=switch/none\n\
             JobAcctGatherType=jobacct_gather/none\n\
             AccountingStorageType=accounting_storage/none\n\
             MailProg=/bin/true\nReturnToService=2\nKillWait=5\nMinJobAge=900\n\
             SlurmctldTimeout=30\nSlurmdTimeout=30\n\
             NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={mem} State=UNKNOWN\n\
             PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP\n",
            socket = socket.display(),
            mem = mem_total_mib() * 9 / 10,
        );
        let conf = dir.join("slurm.conf");
        std::fs::write(&conf, conf_text).map_err(|e| format!("{}: {e}", conf.display()))?;
        let mut cluster = Cluster {
            dir: dir.to_path_buf(),
            conf: conf.clone(),
            daemons: Vec::new(),
            jobs: Vec::new(),
        };

        let daemon =
            |name: &'static str, args: Vec<String>| -> Result<(&'static str, Child), String> {
                let out = std::fs::File::create(log.join(format!("{name}.out")))
                    .map_err(|e| format!("{name}.out: {e}"))?;
                let err = out.try_clone().map_err(|e| e.to_string())?;
                let program = which(name).ok_or_else(|| format!("{name} is not installed"))?;
                let child = Command::new(program)
                    .args(args)
                    .env("SLURM_CONF", &conf)
                    .stdin(Stdio::null())
                    .stdout(out)
                    .stderr(err)
                    .spawn()
                    .map_err(|e| format!("cannot start {name}: {e}"))?;
                Ok((name, child))
            };
        let m = |p: &str| munge.join(p).display().to_string();
        cluster.daemons.push(daemon(
            "munged",
            vec![
                "-F".into(),
                format!("--key-file={}", key.display()),
                format!("--socket={}", socket.display()),
                format!("--pid-file={}", m("munged.pid")),
                format!("--log-file={}", m("munged.log")),
                format!("--seed-file={}", m("munged.seed")),
            ],
        )?);
        cluster.wait_for("munged to open its socket", startup, |_| Ok(socket.exists()))?;
        let conf_s = conf.display().to_string();
        cluster.daemons.push(daemon("slurmctld", vec!["-D".into(), "-f".into(), conf_s.clone()])?);
        cluster.daemons.push(daemon(
            "slurmd",
            vec!["-D".into(), "-f".into(), conf_s, "-N".into(), host.clone()],
        )?);
        cluster.wait_for("the node to be idle", startup, |c| {
            let out = c.client("sinfo", &["-h", "-N", "-o", "%t"])?;
            Ok(String::from_utf8_lossy(&out.stdout).trim() == "idle")
        })?;
        Ok(cluster)
    }

    /// Polls `ready` every 200 ms until it is true, a daemon has exited, or `timeout` passes.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        mut ready: impl FnMut(&Cluster) -> Result<bool, String>,
    ) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if ready(self).unwrap_or(false) {
                return Ok(());
            }
            let mut exited = None;
            for (name, child) in &mut self.daemons {
                if let Ok(Some(status)) = child.try_wait() {
                    exited = Some(format!("{name} exited ({status})"));
                }
            }
            if let Some(e) = exited {
                return Err(format!("{e} while waiting for {what}\n{}", self.logs()));
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.logs()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Runs a client command (`sbatch`, `squeue`...) against this cluster.
    pub fn client(&self, program: &str, args: &[&str]) -> Result<Output, String> {
        self.client_with(program, args, &[], &self.dir)
    }

    /// As [`Cluster::client`], with extra environment variables and a working folder.
    pub fn client_with(
        &self,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: &Path,
    ) -> Result<Output, String> {
        let exe = which(program).ok_or_else(|| format!("{program} is not installed"))?;
        let mut cmd = Command::new(exe);
        cmd.args(args).env("SLURM_CONF", &self.conf).current_dir(cwd);
        for var in ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_ID"] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        run_with_timeout(&mut cmd, COMMAND_TIMEOUT)
    }

    /// Submits a batch script (`args` end with the script and its arguments) and returns the
    /// job id.
    pub fn sbatch(
        &mut self,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: &Path,
    ) -> Result<String, String> {
        let mut all = vec!["--parsable"];
        all.extend_from_slice(args);
        let out = self.client_with("sbatch", &all, env, cwd)?;
        if !out.status.success() {
            return Err(format!("sbatch failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let id = text.trim().split(';').next().unwrap_or("").to_string();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("sbatch printed no job id: {text:?}"));
        }
        self.jobs.push(id.clone());
        Ok(id)
    }

    /// Whether a job (or one array task, `JOB_TASK`) is still pending or running.
    pub fn in_queue(&self, job: &str) -> Result<bool, String> {
        let out = self.client("squeue", &["-h", "-j", job, "-o", "%i"])?;
        // squeue fails for a job id it no longer knows.
        Ok(out.status.success() && !String::from_utf8_lossy(&out.stdout).trim().is_empty())
    }

    /// Waits until a job (or an array task) has left the queue.
    pub fn wait_done(&mut self, job: &str, timeout: Duration) -> Result<(), String> {
        self.wait_for(&format!("job {job} to finish"), timeout, |c| Ok(!c.in_queue(job)?))
    }

    /// The state of each task of an array job: (task id, `COMPLETED`, `CANCELLED`...).
    pub fn task_states(&self, job: &str) -> Result<Vec<(u32, String)>, String> {
        let out = self.client("scontrol", &["-o", "show", "job", job])?;
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |line: &str, key: &str| {
            line.split_whitespace().find_map(|w| w.strip_prefix(key)).map(str::to_string)
        };
        let mut states: Vec<(u32, String)> = text
            .lines()
            .filter_map(|l| {
                let task = field(l, "ArrayTaskId=")?.parse().ok()?;
                Some((task, field(l, "JobState=")?))
            })
            .collect();
        states.sort();
        Ok(states)
    }

    /// The last lines of the daemons' logs, for a failure message.
    pub fn logs(&self) -> String {
        let mut text = String::new();
        for name in ["log/munged.out", "munge/munged.log", "log/slurmctld.log", "log/slurmd.log"] {
            let body = std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
            let lines: Vec<&str> = body.lines().collect();
            let tail = lines[lines.len().saturating_sub(15)..].join("\n");
            text.push_str(&format!("--- {name}\n{tail}\n"));
        }
        text
    }

    /// Cancels the jobs submitted, shuts the daemons down and waits for them (20 s at most,
    /// then kills them).
    fn stop(&mut self) {
        for job in self.jobs.clone() {
            let _ = self.client("scancel", &[&job]);
        }
        let _ = self.client("scontrol", &["shutdown"]);
        let start = Instant::now();
        for (name, child) in self.daemons.iter_mut().rev() {
            if *name == "munged" {
                let _ = Command::new("kill").arg(child.id().to_string()).status();
            }
            while !matches!(child.try_wait(), Ok(Some(_))) {
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        self.daemons.clear();
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
