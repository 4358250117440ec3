//! A stable sort for short lists: a scenario's fields, a file's problems, a browser's drafts.
//!
//! Each type that std's `sort_by` sorts brings its own copy of the sort (about 3.5 KB of wasm in
//! the app's first-paint module); this insertion sort is a few hundred bytes. It takes time
//! quadratic in the length, so it is for lists of at most a few hundred items.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (as `sort_by` does).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` by the key `key` gives, keeping equal items in their order (as `sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_std_does_keeping_equal_items_in_order() {
        // Pairs sorted by their first number only: the second shows the order of equal keys.
        let mut seed = 12345u64;
        for len in [0usize, 1, 2, 3, 7, 40, 200] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (((seed >> 33) % 5) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            let mut std = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "length {len}");
            let mut down = items.clone();
            let mut std_down = items.clone();
            sort_by(&mut down, |a, b| b.0.cmp(&a.0));
            std_down.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(down, std_down, "length {len}, descending");
        }
    }
}
