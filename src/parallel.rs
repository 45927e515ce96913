//! Work in parts on two threads, given on in order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Parts read ahead of the one `in_order` gives next by the thread giving
/// them, at most: those waiting to be given are held.
const MAX_AHEAD: usize = 2;

/// Gives `sink` the parts `0..count`, in order, each read by whichever of
/// two threads is free: this one with `here`, a second one with `there`.
/// A part that failed to read fails in its turn, after those before it;
/// once `sink` fails, no part is read any more. At most `MAX_AHEAD` parts
/// read here, and three read there (one received, one sent, one being
/// sent), wait to be given.
pub fn in_order<R: Send, E: Send>(
    count: usize,
    here: &mut dyn FnMut(usize) -> Result<R, E>,
    mut there: impl FnMut(usize) -> Result<R, E> + Send,
    sink: &mut dyn FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    // The next part no thread has taken.
    let next = AtomicUsize::new(0);
    let take = || next.fetch_add(1, Ordering::Relaxed);
    let (done, arrived) = mpsc::sync_channel::<(usize, Result<R, E>)>(1);
    std::thread::scope(|scope| {
        // Should no thread start, this one reads every part.
        let second = std::thread::Builder::new().name("second thread".into());
        let _started = second.spawn_scoped(scope, move || loop {
            let k = take();
            if k >= count {
                break;
            }
            let made = there(k);
            let failed = made.is_err();
            // A closed channel: this thread's parts are no longer wanted.
            if done.send((k, made)).is_err() || failed {
                break;
            }
        });
        let mut ready = std::collections::BTreeMap::new();
        let result = (0..count).try_for_each(|want| {
            let made = loop {
                if let Some(made) = ready.remove(&want) {
                    break made;
                }
                if let Ok((k, made)) = arrived.try_recv() {
                    ready.insert(k, made);
                    continue;
                }
                if ready.len() < MAX_AHEAD {
                    let k = take();
                    if k < count {
                        ready.insert(k, here(k));
                        continue;
                    }
                }
                // The part wanted is the other thread's, which sends every
                // part it takes unless it panicked (its message is out).
                let Ok((k, made)) = arrived.recv() else {
                    panic!("the second thread stopped before giving part {want}");
                };
                ready.insert(k, made);
            };
            sink(made?)
        });
        // Whatever ended the loop, the other thread takes no more parts,
        // and one it is sending finds the channel closed.
        next.store(count, Ordering::Relaxed);
        drop(arrived);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Mutex;
    use std::time::Duration;

    /// Parts read by `in_order_on_two_threads`, each after a pause this
    /// side or the other gives it, and what became of them.
    #[derive(Default)]
    struct Run {
        given: Vec<usize>,
        read_there: AtomicUsize,
        /// Parts read and not yet given, and the most there ever were.
        waiting: Mutex<(usize, usize)>,
    }

    impl Run {
        fn read(&self, k: usize, pause_ms: u64, fails: Option<usize>) -> anyhow::Result<usize> {
            std::thread::sleep(Duration::from_millis(pause_ms));
            if fails == Some(k) {
                anyhow::bail!("part {k} is damaged");
            }
            let mut waiting = self.waiting.lock().unwrap();
            waiting.0 += 1;
            waiting.1 = waiting.1.max(waiting.0);
            Ok(k)
        }

        /// Reads 0..count with the pauses given, part by part, here and
        /// there, and in the sink; `sink_fails` fails the sink at that part.
        fn go(
            count: usize,
            [pause_here, pause_there, pause_sink]: [fn(usize) -> u64; 3],
            fails: Option<usize>,
            sink_fails: Option<usize>,
        ) -> (Run, anyhow::Result<()>) {
            let run = Run::default();
            let mut given = Vec::new();
            let result = in_order(
                count,
                &mut |k| {
                    // The first part read here waits for the other thread
                    // to take one, however late it starts.
                    let waited = std::time::Instant::now();
                    while k == 0
                        && run.read_there.load(Ordering::Relaxed) == 0
                        && waited.elapsed() < Duration::from_secs(5)
                    {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    run.read(k, pause_here(k), fails)
                },
                |k| {
                    run.read_there.fetch_add(1, Ordering::Relaxed);
                    run.read(k, pause_there(k), fails)
                },
                &mut |k| {
                    std::thread::sleep(Duration::from_millis(pause_sink(k)));
                    run.waiting.lock().unwrap().0 -= 1;
                    if sink_fails == Some(k) {
                        anyhow::bail!("the output is closed");
                    }
                    given.push(k);
                    Ok(())
                },
            );
            (Run { given, ..run }, result)
        }
    }

    #[test]
    fn parts_read_on_two_threads_are_given_in_order() {
        // The other thread slow: this one reads ahead and must wait.
        let (run, result) = Run::go(40, [|_| 1, |k| 2 + k as u64 % 3, |_| 0], None, None);
        result.unwrap();
        assert_eq!(run.given, (0..40).collect::<Vec<_>>());
        assert!(run.read_there.load(Ordering::Relaxed) > 0);
        assert!(run.waiting.lock().unwrap().1 <= MAX_AHEAD + 3);
        // This one slow, the other fast; then the sink slow too: the other
        // thread must not read far ahead.
        for pause_sink in [|_| 0, |_| 2] {
            let (run, result) = Run::go(40, [|k| 2 + k as u64 % 2, |_| 1, pause_sink], None, None);
            result.unwrap();
            assert_eq!(run.given, (0..40).collect::<Vec<_>>());
            let most = run.waiting.lock().unwrap().1;
            assert!(most <= MAX_AHEAD + 3, "{most} parts read ahead");
        }
        // Nothing to read.
        let (run, result) = Run::go(0, [|_| 0, |_| 0, |_| 0], None, None);
        result.unwrap();
        assert!(run.given.is_empty());
    }

    #[test]
    fn a_part_that_fails_to_read_fails_after_those_before_it() {
        for (here, there) in [(0, 2), (2, 0), (1, 1)] {
            let pause_here = [|_| 0, |_| 1, |_| 2][here];
            let pause_there = [|_| 0, |_| 1, |_| 2][there];
            let pauses = [pause_here, pause_there, |_| 0];
            let (run, result) = Run::go(30, pauses, Some(17), None);
            let err = result.unwrap_err();
            assert_eq!(err.to_string(), "part 17 is damaged");
            assert_eq!(run.given, (0..17).collect::<Vec<_>>());
        }
    }

    #[test]
    fn once_the_sink_fails_no_more_parts_are_read() {
        let (run, result) = Run::go(200, [|_| 1, |_| 1, |_| 0], None, Some(5));
        assert_eq!(result.unwrap_err().to_string(), "the output is closed");
        assert_eq!(run.given, (0..5).collect::<Vec<_>>());
        // Those read ahead of the sink, and none after it failed.
        let (waiting, _) = *run.waiting.lock().unwrap();
        assert!(waiting <= MAX_AHEAD + 3, "{waiting} parts read and left");
    }
}
