//! splitmix64: the random source of the generator, tiny, fast and the same on
//! every platform, so that a seed names one map for good.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items`, or (as often as any one of them) none: an empty text.
    pub fn pick_or_none(&mut self, items: &[&'static str]) -> &'static str {
        items
            .get(self.below(items.len() + 1))
            .copied()
            .unwrap_or("")
    }

    /// A rank in `0..limit`, small ranks much more likely (a Pareto tail, as
    /// word frequencies have): `scale` sets the head, `alpha` the tail.
    pub fn zipf(&mut self, limit: usize, scale: f64, alpha: f64) -> usize {
        loop {
            let u = self.unit();
            let r = scale * ((1.0 - u).powf(-1.0 / alpha) - 1.0);
            if r < limit as f64 {
                return r as usize;
            }
        }
    }
}
