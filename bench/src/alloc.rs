//! A global allocator wrapper that tracks live and peak heap bytes, for peak-memory figures.
//!
//! It forwards to mimalloc, the allocator `cargo xtask` runs with, or to the system
//! allocator when the benchmark is built with `MSGEN_BENCH_ALLOCATOR=system` (chosen at
//! build time: a block must be freed by the allocator that made it, and the runtime
//! allocates before `main` could choose).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use mimalloc::MiMalloc;

/// Counts bytes on top of mimalloc (or the system allocator), while [`peak_of`] runs.
pub struct Counting;

/// Whether allocations are being counted. Off outside [`peak_of`], so timed runs pay one
/// read of a flag that never changes under them, not two atomic updates of counters that
/// every core writes (on a multi-threaded run, that cache line would bounce between cores
/// on every allocation).
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed since counting started; negative when blocks from
/// before are freed.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn system() -> bool {
    option_env!("MSGEN_BENCH_ALLOCATOR") == Some("system")
}

/// Which allocator is in use, for reports.
pub fn name() -> &'static str {
    if system() {
        "system (glibc)"
    } else {
        "mimalloc"
    }
}

fn backend() -> &'static dyn GlobalAlloc {
    if system() { &System } else { &MiMalloc }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the backing allocator.
        let ptr = unsafe { backend().alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the allocator that made the block.
        unsafe { backend().dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the allocator that made the block.
        let new = unsafe { backend().realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}

fn count(bytes: isize) {
    if COUNTING.load(Ordering::Relaxed) {
        let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

/// The peak heap `f` used above what was live when it started, in bytes.
pub fn peak_of(f: impl FnOnce()) -> usize {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    f();
    COUNTING.store(false, Ordering::SeqCst);
    PEAK.load(Ordering::Relaxed).max(0) as usize
}
