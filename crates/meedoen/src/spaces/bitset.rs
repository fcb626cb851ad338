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

/// `set ∩ other`, as a new set.
pub fn and_new(set: &[u64], other: &[u64]) -> Bits {
    set.iter().zip(other).map(|(w, o)| w & o).collect()
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
            let both: Vec<usize> = (0..n).filter(|i| i % 6 == 0).collect();
            assert_eq!(count_and(&evens, &threes), both.len());
            assert_eq!(iter(&and_new(&evens, &threes)).collect::<Vec<_>>(), both);
            let mut either = evens.clone();
            or(&mut either, &threes);
            let want: Vec<usize> = (0..n).filter(|i| i % 2 == 0 || i % 3 == 0).collect();
            assert_eq!(iter(&either).collect::<Vec<_>>(), want);
            and(&mut either, &evens);
            assert_eq!(count(&either), count(&evens));
            if n > 4 {
                remove(&mut evens, 4);
                assert!(!contains(&evens, 4) && contains(&evens, 2) && !contains(&evens, 3));
            }
            // Out of range is ignored, never a panic.
            insert(&mut evens, n + 100);
            assert!(!contains(&evens, n + 100));
        }
    }
}
