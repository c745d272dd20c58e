//! A global allocator wrapper that tracks live and peak heap bytes, for peak-memory figures.
//!
//! It forwards to mimalloc, the allocator `cargo xtask` runs with, or to the system
//! allocator when the benchmark is built with `MSGEN_BENCH_ALLOCATOR=system` (chosen at
//! build time: a block must be freed by the allocator that made it, and the runtime
//! allocates before `main` could choose).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use mimalloc::MiMalloc;

/// Counts bytes on top of mimalloc (or the system allocator).
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
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
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the allocator that made the block.
        unsafe { backend().dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the allocator that made the block.
        let new = unsafe { backend().realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

/// Starts a measurement: the peak is reset to what is live now.
pub fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// Peak bytes above what was live at [`reset_peak`], given that baseline.
pub fn peak_since(baseline: usize) -> usize {
    PEAK.load(Ordering::Relaxed).saturating_sub(baseline)
}

/// Bytes live now.
pub fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}
