//! [`TryCloneBody`]: which request bodies can be sent again.

use bytes::Bytes;
use http_body_util::combinators::{BoxBody, UnsyncBoxBody};
use http_body_util::{Empty, Full};

/// A request body that may be copied for a resend.
///
/// A body held in memory clones; a stream does not, and a request with one is sent once and never
/// retried, without an error. Implement it for a body type of your own:
///
/// ```
/// use reprieve::TryCloneBody;
///
/// struct Payload(Option<bytes::Bytes>); // `None` once streamed
///
/// impl TryCloneBody for Payload {
///     fn try_clone_body(&self) -> Option<Self> {
///         self.0.clone().map(|bytes| Payload(Some(bytes)))
///     }
/// }
/// ```
pub trait TryCloneBody: Sized {
    /// A copy to send again, or `None` when the body cannot be replayed.
    fn try_clone_body(&self) -> Option<Self>;
}

impl<D: Clone> TryCloneBody for Full<D> {
    fn try_clone_body(&self) -> Option<Self> {
        Some(self.clone())
    }
}

impl<D> TryCloneBody for Empty<D> {
    fn try_clone_body(&self) -> Option<Self> {
        Some(Self::new())
    }
}

impl TryCloneBody for String {
    fn try_clone_body(&self) -> Option<Self> {
        Some(self.clone())
    }
}

impl TryCloneBody for Bytes {
    fn try_clone_body(&self) -> Option<Self> {
        Some(self.clone())
    }
}

impl TryCloneBody for () {
    fn try_clone_body(&self) -> Option<Self> {
        Some(())
    }
}

/// A boxed body may be a stream: sent once.
impl<D, E> TryCloneBody for BoxBody<D, E> {
    fn try_clone_body(&self) -> Option<Self> {
        None
    }
}

/// A boxed body may be a stream: sent once.
impl<D, E> TryCloneBody for UnsyncBoxBody<D, E> {
    fn try_clone_body(&self) -> Option<Self> {
        None
    }
}

/// A body reqwest holds in memory clones; a stream does not.
#[cfg(feature = "reqwest")]
impl TryCloneBody for reqwest::Body {
    fn try_clone_body(&self) -> Option<Self> {
        self.as_bytes()
            .map(|bytes| Self::from(Bytes::copy_from_slice(bytes)))
    }
}

/// Either of two bodies that may be copied.
impl<L: TryCloneBody, R: TryCloneBody> TryCloneBody for http_body_util::Either<L, R> {
    fn try_clone_body(&self) -> Option<Self> {
        match self {
            Self::Left(left) => left.try_clone_body().map(Self::Left),
            Self::Right(right) => right.try_clone_body().map(Self::Right),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[test]
    fn bodies_in_memory_clone_and_boxed_ones_do_not() {
        assert!(
            Full::new(Bytes::from_static(b"{}"))
                .try_clone_body()
                .is_some()
        );
        assert!(Empty::<Bytes>::new().try_clone_body().is_some());
        let boxed = Full::new(Bytes::from_static(b"{}"))
            .map_err(|never| match never {})
            .boxed();
        let boxed: BoxBody<Bytes, std::convert::Infallible> = boxed;
        assert!(boxed.try_clone_body().is_none());
    }
}
