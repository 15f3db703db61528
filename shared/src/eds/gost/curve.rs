//! GOST R 34.10 over a short Weierstrass curve y² = x³ + ax + b (mod p) with a base point of prime
//! order q: the signature and its check as the standard defines them, on integers. Byte order is
//! the caller's business (the national CA writes everything little-endian; see `super`).
//!
//! Field and scalar arithmetic is crypto-bigint's constant-time Montgomery arithmetic. Points are
//! kept in Jacobian coordinates. The check works on public values only and may take variable time;
//! signing multiplies with a double-and-add-always ladder whose only data-dependent branches are
//! the exceptional cases of the addition law (the point at infinity while the leading zero bits of
//! the nonce pass).
#![allow(
    clippy::many_single_char_names,
    reason = "the standard's and the formulas' own names: p, q, a, b, d, e, k, r, s, h, i, j, m, v"
)]

use crypto_bigint::modular::runtime_mod::{DynResidue, DynResidueParams};
use crypto_bigint::subtle::{Choice, ConditionallySelectable};
use crypto_bigint::{Limb, Uint};

/// A curve and its base point, `L` limbs wide.
#[derive(Debug, Clone, Copy)]
pub struct Curve<const L: usize> {
    p: DynResidueParams<L>,
    q: DynResidueParams<L>,
    a: Uint<L>,
    b: Uint<L>,
    x: Uint<L>,
    y: Uint<L>,
}

/// A signature as two integers, each in 1..q.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature<const L: usize> {
    pub r: Uint<L>,
    pub s: Uint<L>,
}

/// A point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity.
#[derive(Debug, Clone, Copy)]
struct Point<const L: usize> {
    x: DynResidue<L>,
    y: DynResidue<L>,
    z: DynResidue<L>,
}

impl<const L: usize> Curve<L> {
    /// The bytes of one coordinate, of a scalar and of half a signature.
    pub const BYTES: usize = L * Limb::BYTES;

    /// A curve from its parameters: the field's prime `p`, the coefficients, the subgroup order
    /// `q` and the base point. Both moduli are odd primes (the Montgomery form needs odd ones).
    pub const fn new(
        p: Uint<L>,
        a: Uint<L>,
        b: Uint<L>,
        q: Uint<L>,
        x: Uint<L>,
        y: Uint<L>,
    ) -> Curve<L> {
        Curve { p: DynResidueParams::new(&p), q: DynResidueParams::new(&q), a, b, x, y }
    }

    pub fn order(&self) -> &Uint<L> {
        self.q.modulus()
    }

    /// Whether (x, y) is a point of the curve (both coordinates reduced).
    pub fn contains(&self, x: &Uint<L>, y: &Uint<L>) -> bool {
        if x >= self.p.modulus() || y >= self.p.modulus() {
            return false;
        }
        let (x, y) = (self.field(x), self.field(y));
        y.square() == x.square() * x + self.field(&self.a) * x + self.field(&self.b)
    }

    /// The public key of the private key `d` (1..q): d·P, affine.
    pub fn public_key(&self, d: &Uint<L>) -> Option<(Uint<L>, Uint<L>)> {
        if !self.is_scalar(d) {
            return None;
        }
        self.base().multiply(d, self).affine()
    }

    /// Signs the digest `e` (already read as an integer) with the private key `d` and the one-time
    /// secret `k` (1..q, never reused). `None` when `k` is out of range or gives r = 0 or s = 0:
    /// the caller draws another.
    pub fn sign(&self, d: &Uint<L>, e: &Uint<L>, k: &Uint<L>) -> Option<Signature<L>> {
        if !self.is_scalar(d) || !self.is_scalar(k) {
            return None;
        }
        let (cx, _) = self.base().multiply(k, self).affine()?;
        let r = self.scalar(&cx);
        let s = r * self.scalar(d) + self.scalar(k) * self.digest(e);
        let signature = Signature { r: r.retrieve(), s: s.retrieve() };
        (signature.r != Uint::ZERO && signature.s != Uint::ZERO).then_some(signature)
    }

    /// Checks a signature over the digest `e` by the public key (x, y).
    pub fn verify(&self, key: (&Uint<L>, &Uint<L>), e: &Uint<L>, signature: &Signature<L>) -> bool {
        if !self.contains(key.0, key.1)
            || !self.is_scalar(&signature.r)
            || !self.is_scalar(&signature.s)
        {
            return false;
        }
        let (v, invertible) = self.digest(e).invert();
        if !bool::from(invertible) {
            return false;
        }
        let z1 = (self.scalar(&signature.s) * v).retrieve();
        let z2 = (-(self.scalar(&signature.r) * v)).retrieve();
        let key = Point::from_affine(self.field(key.0), self.field(key.1), self);
        let Some((cx, _)) = Point::sum_of_products(&self.base(), &z1, &key, &z2, self).affine()
        else {
            return false;
        };
        self.scalar(&cx).retrieve() == signature.r
    }

    /// e mod q, with 0 taken as 1 (the standard's step 3).
    fn digest(&self, e: &Uint<L>) -> DynResidue<L> {
        let e = self.scalar(e);
        if e.retrieve() == Uint::ZERO { DynResidue::one(self.q) } else { e }
    }

    fn is_scalar(&self, n: &Uint<L>) -> bool {
        *n != Uint::ZERO && n < self.q.modulus()
    }

    fn field(&self, n: &Uint<L>) -> DynResidue<L> {
        DynResidue::new(n, self.p)
    }

    /// `n` mod q (the Montgomery conversion reduces any `n` below 2^(64·L)).
    fn scalar(&self, n: &Uint<L>) -> DynResidue<L> {
        DynResidue::new(n, self.q)
    }

    fn base(&self) -> Point<L> {
        Point::from_affine(self.field(&self.x), self.field(&self.y), self)
    }
}

impl<const L: usize> Point<L> {
    fn infinity(curve: &Curve<L>) -> Point<L> {
        let one = DynResidue::one(curve.p);
        Point { x: one, y: one, z: DynResidue::zero(curve.p) }
    }

    fn from_affine(x: DynResidue<L>, y: DynResidue<L>, curve: &Curve<L>) -> Point<L> {
        Point { x, y, z: DynResidue::one(curve.p) }
    }

    fn is_infinity(&self) -> bool {
        self.z.retrieve() == Uint::ZERO
    }

    /// (x, y), or `None` for the point at infinity.
    fn affine_coordinates(&self) -> Option<(DynResidue<L>, DynResidue<L>)> {
        let (z_inverse, invertible) = self.z.invert();
        if !bool::from(invertible) {
            return None;
        }
        let z2 = z_inverse.square();
        Some((self.x * z2, self.y * z2 * z_inverse))
    }

    fn affine(&self) -> Option<(Uint<L>, Uint<L>)> {
        self.affine_coordinates().map(|(x, y)| (x.retrieve(), y.retrieve()))
    }

    /// 2·self ("dbl-2007-bl", any a). The point at infinity and points of order 2 give Z = 0.
    fn double(&self, curve: &Curve<L>) -> Point<L> {
        let a = curve.field(&curve.a);
        let xx = self.x.square();
        let yy = self.y.square();
        let yyyy = yy.square();
        let zz = self.z.square();
        let s = double((self.x + yy).square() - xx - yyyy);
        let m = double(xx) + xx + a * zz.square();
        let x = m.square() - double(s);
        let y = m * (s - x) - double(double(double(yyyy)));
        let z = (self.y + self.z).square() - yy - zz;
        Point { x, y, z }
    }

    /// self + other ("add-2007-bl").
    fn add(&self, other: &Point<L>, curve: &Curve<L>) -> Point<L> {
        if self.is_infinity() {
            return *other;
        }
        if other.is_infinity() {
            return *self;
        }
        let z1z1 = self.z.square();
        let z2z2 = other.z.square();
        let u1 = self.x * z2z2;
        let u2 = other.x * z1z1;
        let s1 = self.y * other.z * z2z2;
        let s2 = other.y * self.z * z1z1;
        let h = u2 - u1;
        let r = double(s2 - s1);
        if h.retrieve() == Uint::ZERO {
            return if r.retrieve() == Uint::ZERO {
                self.double(curve)
            } else {
                Point::infinity(curve)
            };
        }
        let i = double(h).square();
        let j = h * i;
        let v = u1 * i;
        let x = r.square() - j - double(v);
        let y = r * (v - x) - double(s1 * j);
        let z = ((self.z + other.z).square() - z1z1 - z2z2) * h;
        Point { x, y, z }
    }

    /// k·self, doubling and adding at every bit and keeping the sum only where the bit is set.
    fn multiply(&self, k: &Uint<L>, curve: &Curve<L>) -> Point<L> {
        let mut result = Point::infinity(curve);
        for bit in (0..Uint::<L>::BITS).rev() {
            result = result.double(curve);
            let sum = result.add(self, curve);
            result = Point::conditional_select(&result, &sum, Choice::from(k.bit(bit)));
        }
        result
    }

    /// a·P + b·Q in one pass over the bits (Shamir's trick), in variable time: public values only.
    fn sum_of_products(
        p: &Point<L>,
        a: &Uint<L>,
        q: &Point<L>,
        b: &Uint<L>,
        curve: &Curve<L>,
    ) -> Point<L> {
        let both = p.add(q, curve);
        let mut result = Point::infinity(curve);
        for bit in (0..Uint::<L>::BITS).rev() {
            result = result.double(curve);
            match (a.bit_vartime(bit), b.bit_vartime(bit)) {
                (true, true) => result = result.add(&both, curve),
                (true, false) => result = result.add(p, curve),
                (false, true) => result = result.add(q, curve),
                (false, false) => {}
            }
        }
        result
    }
}

impl<const L: usize> ConditionallySelectable for Point<L> {
    fn conditional_select(a: &Self, b: &Self, choice: Choice) -> Self {
        Point {
            x: DynResidue::conditional_select(&a.x, &b.x, choice),
            y: DynResidue::conditional_select(&a.y, &b.y, choice),
            z: DynResidue::conditional_select(&a.z, &b.z, choice),
        }
    }
}

fn double<const L: usize>(n: DynResidue<L>) -> DynResidue<L> {
    n + n
}
