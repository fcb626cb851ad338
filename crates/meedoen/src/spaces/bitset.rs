//! Sets of spaces as bits, 64 spaces to a word: bit `i % 64` of word `i / 64` stands for the
//! space at index `i` of the search facts ([`super::facts::Facts::spaces`]).
//!
//! Search combines filters and counts per option with whole-word operations on these, so a
//! search over 10,000 spaces handles 157 words per filter instead of visiting every space
//! once per filter.

/// A set of space indices.
pub type Bits = Vec<u64>;

/// The words a set of `n` spaces needs.
pub fn words(n: usize) -> usize {
    n.div_ceil(64)
}

/// Every one of `n` spaces.
pub fn all(n: usize) -> Bits {
    let mut set = vec![!0u64; words(n)];
    if !n.is_multiple_of(64) {
        if let Some(last) = set.last_mut() {
            *last = (1u64 << (n % 64)) - 1;
        }
    }
    set
}

/// None of `n` spaces.
pub fn none(n: usize) -> Bits {
    vec![0u64; words(n)]
}

pub fn insert(set: &mut [u64], i: usize) {
    if let Some(w) = set.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

pub fn remove(set: &mut [u64], i: usize) {
    if let Some(w) = set.get_mut(i / 64) {
        *w &= !(1 << (i % 64));
    }
}

pub fn contains(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// `set` becomes `set ∩ other`.
pub fn and(set: &mut [u64], other: &[u64]) {
    set.iter_mut().zip(other).for_each(|(w, o)| *w &= o);
}

/// `set` becomes `set ∪ other`.
pub fn or(set: &mut [u64], other: &[u64]) {
    set.iter_mut().zip(other).for_each(|(w, o)| *w |= o);
}

/// The number of spaces in `set`.
pub fn count(set: &[u64]) -> usize {
    set.iter().map(|w| w.count_ones() as usize).sum()
}

/// The number of spaces in `set ∩ other`, without building it.
pub fn count_and(set: &[u64], other: &[u64]) -> usize {
    set.iter()
        .zip(other)
        .map(|(w, o)| (w & o).count_ones() as usize)
        .sum()
}

/// Removes from `set` the spaces that fail `keep`, visiting only those also in `only` (all
/// of `set` when `None`): the spaces a set cannot decide are checked one by one, in place.
pub fn retain(set: &mut [u64], only: Option<&[u64]>, keep: impl Fn(usize) -> bool) {
    for (k, word) in set.iter_mut().enumerate() {
        let mut w = match only {
            Some(o) => *word & o.get(k).copied().unwrap_or(0),
            None => *word,
        };
        while w != 0 {
            let bit = w.trailing_zeros();
            w &= w - 1;
            if !keep(k * 64 + bit as usize) {
                *word &= !(1u64 << bit);
            }
        }
    }
}

/// Per option, the number of spaces of `set` that have it (`option_sets[o]` holds the
/// spaces with option `o`). With few options for the size of `set` that is one set
/// operation per option; otherwise one pass over `set`, in which `add(i, counts)` counts
/// space `i` for each of its options.
pub fn count_per_option(
    set: &[u64],
    option_sets: &[Bits],
    add: impl Fn(usize, &mut [usize]),
) -> Vec<usize> {
    if option_sets.len() * set.len() <= count(set) {
        return option_sets.iter().map(|o| count_and(set, o)).collect();
    }
    let mut counts = vec![0usize; option_sets.len()];
    for i in iter(set) {
        add(i, &mut counts);
    }
    counts
}

/// Adds one to `counts[o]` for each option `o` (ignoring any out of range).
pub fn add_each(counts: &mut [usize], options: impl IntoIterator<Item = u32>) {
    for o in options {
        if let Some(n) = counts.get_mut(o as usize) {
            *n += 1;
        }
    }
}

/// The indices in `set`, in increasing order.
pub fn iter(set: &[u64]) -> impl Iterator<Item = usize> + '_ {
    set.iter().enumerate().flat_map(|(k, w)| {
        let mut w = *w;
        std::iter::from_fn(move || {
            (w != 0).then(|| {
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                k * 64 + bit
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_agree_with_a_list() {
        for n in [0, 1, 63, 64, 65, 130] {
            let a = all(n);
            assert_eq!(count(&a), n, "all({n})");
            assert_eq!(iter(&a).collect::<Vec<_>>(), (0..n).collect::<Vec<_>>());
            let mut evens = none(n);
            (0..n).step_by(2).for_each(|i| insert(&mut evens, i));
            let mut threes = none(n);
            (0..n).step_by(3).for_each(|i| insert(&mut threes, i));
            let both: Vec<usize> = (0..n).filter(|i| i.is_multiple_of(6)).collect();
            assert_eq!(count_and(&evens, &threes), both.len());
            let mut sixes = evens.clone();
            and(&mut sixes, &threes);
            assert_eq!(iter(&sixes).collect::<Vec<_>>(), both);
            let mut either = evens.clone();
            or(&mut either, &threes);
            let want: Vec<usize> = (0..n)
                .filter(|i| i.is_multiple_of(2) || i.is_multiple_of(3))
                .collect();
            assert_eq!(iter(&either).collect::<Vec<_>>(), want);
            and(&mut either, &evens);
            assert_eq!(count(&either), count(&evens));
            if n > 4 {
                remove(&mut evens, 4);
                assert!(!contains(&evens, 4) && contains(&evens, 2) && !contains(&evens, 3));
            }
            // Retain checks only what it is asked to.
            let mut kept = all(n);
            retain(&mut kept, Some(&threes), |i| i.is_multiple_of(2));
            let want: Vec<usize> = (0..n)
                .filter(|i| !i.is_multiple_of(3) || i.is_multiple_of(2))
                .collect();
            assert_eq!(iter(&kept).collect::<Vec<_>>(), want);
            retain(&mut kept, None, |i| !i.is_multiple_of(5));
            assert!(iter(&kept).all(|i| !i.is_multiple_of(5)));
            // Out of range is ignored, never a panic.
            insert(&mut evens, n + 100);
            assert!(!contains(&evens, n + 100));
        }
    }

    #[test]
    fn both_ways_of_counting_per_option_agree() {
        // Option `o` of space `i`: `o` divides `i + 1`.
        for (n, options) in [(10, 3), (200, 2), (200, 40), (1000, 7), (64, 64)] {
            let of = |i: usize| -> Vec<u32> {
                (0..options as u32)
                    .filter(|o| (i + 1).is_multiple_of(*o as usize + 1))
                    .collect()
            };
            let sets: Vec<Bits> = (0..options)
                .map(|o| {
                    let mut s = none(n);
                    (0..n)
                        .filter(|i| (i + 1).is_multiple_of(o + 1))
                        .for_each(|i| insert(&mut s, i));
                    s
                })
                .collect();
            for keep in [1, 2, 7, 97] {
                let mut set = none(n);
                (0..n).step_by(keep).for_each(|i| insert(&mut set, i));
                let lists: Vec<Vec<u32>> = (0..n).map(of).collect();
                let got = count_per_option(&set, &sets, |i, counts| {
                    add_each(counts, lists[i].iter().copied())
                });
                let want: Vec<usize> = (0..options)
                    .map(|o| {
                        (0..n)
                            .step_by(keep)
                            .filter(|i| (i + 1).is_multiple_of(o + 1))
                            .count()
                    })
                    .collect();
                assert_eq!(got, want, "n {n}, options {options}, every {keep}th");
            }
        }
    }
}
