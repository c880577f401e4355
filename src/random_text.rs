//! Random texts for the tests that check a fast routine against a plain one.

/// A xorshift generator: the same texts on every run, so a failure can be replayed.
pub struct RandomText {
    state: u64,
}

impl RandomText {
    /// A generator starting from `seed` (not zero).
    pub fn new(seed: u64) -> RandomText {
        RandomText { state: seed }
    }

    /// The next number.
    pub fn number(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    /// A number below `bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.number() % bound as u64) as usize
    }

    /// `count` pieces drawn from `pieces`, one after the other.
    pub fn text(&mut self, pieces: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| pieces[self.below(pieces.len())])
            .collect()
    }
}
