//! [`ReplayBody`]: a response body whose first bytes reprieve may have read to classify an error,
//! handed to the caller whole.

use std::error::Error as StdError;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes, BytesMut};
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;

/// The error of a [`ReplayBody`]: the inner body's, boxed.
pub type BoxError = Box<dyn StdError + Send + Sync>;

pin_project_lite::pin_project! {
    /// A response body that yields the prefix reprieve read (if any), then the rest of the inner
    /// body as it streams.
    ///
    /// On a success response nothing was read and it is the inner body, frame for frame. On an
    /// error response reprieve read at most the error-body limit (64 KiB by default) to classify
    /// it; the caller still reads every byte, the trailers and the error the inner body ended with.
    #[derive(Debug)]
    pub struct ReplayBody<B> {
        prefix: Option<Bytes>,
        failed: Option<BoxError>,
        trailers: Option<HeaderMap>,
        #[pin]
        rest: Option<B>,
    }
}

impl<B> ReplayBody<B> {
    /// The inner body, untouched.
    pub const fn new(body: B) -> Self {
        Self {
            prefix: None,
            failed: None,
            trailers: None,
            rest: Some(body),
        }
    }
}

impl<B> Body for ReplayBody<B>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.project();
        if let Some(prefix) = this.prefix.take() {
            return Poll::Ready(Some(Ok(Frame::data(prefix))));
        }
        if let Some(error) = this.failed.take() {
            return Poll::Ready(Some(Err(error)));
        }
        if let Some(rest) = this.rest.as_pin_mut() {
            return rest.poll_frame(cx).map(|frame| {
                frame.map(|frame| {
                    frame
                        .map(|frame| {
                            frame.map_data(|mut data| data.copy_to_bytes(data.remaining()))
                        })
                        .map_err(Into::into)
                })
            });
        }
        Poll::Ready(this.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.prefix.is_none()
            && self.failed.is_none()
            && self.trailers.is_none()
            && self.rest.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        let prefix = self.prefix.as_ref().map_or(0, |p| p.len() as u64);
        let mut hint = self
            .rest
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint);
        hint.set_lower(hint.lower().saturating_add(prefix));
        if let Some(upper) = hint.upper() {
            hint.set_upper(upper.saturating_add(prefix));
        }
        hint
    }
}

impl<B> ReplayBody<B>
where
    B: Body + Unpin,
    B::Error: Into<BoxError>,
{
    /// Reads up to `limit` bytes (whole frames, so a little more may be held) and returns them
    /// with a body that still yields everything: the prefix, then the rest as it would have
    /// streamed, its trailers, or the error it ended with.
    pub(crate) async fn read_prefix(mut self, limit: usize) -> (Bytes, Self) {
        let mut prefix = BytesMut::new();
        let (mut trailers, mut failed) = (None, None);
        let mut done = false;
        while prefix.len() < limit {
            match self.frame().await {
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) => prefix.extend_from_slice(&data),
                    Err(frame) => trailers = frame.into_trailers().ok(),
                },
                Some(Err(error)) => {
                    failed = Some(error);
                    done = true;
                    break;
                }
                None => {
                    done = true;
                    break;
                }
            }
        }
        let prefix = prefix.freeze();
        let body = Self {
            prefix: (!prefix.is_empty()).then(|| prefix.clone()),
            failed,
            trailers,
            rest: if done { None } else { self.rest.take() },
        };
        (prefix.slice(..prefix.len().min(limit)), body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, Full, StreamBody};

    #[tokio::test]
    async fn a_short_body_is_read_whole_and_replayed() {
        let (prefix, body) = ReplayBody::new(Full::new(Bytes::from_static(b"{\"error\":1}")))
            .read_prefix(64)
            .await;
        assert_eq!(&prefix[..], b"{\"error\":1}");
        let all = body
            .collect()
            .await
            .map(http_body_util::Collected::to_bytes);
        assert_eq!(all.ok().as_deref(), Some(&b"{\"error\":1}"[..]));
    }

    #[tokio::test]
    async fn a_long_body_is_read_up_to_the_limit_and_replayed_whole() {
        let chunks =
            (0..10).map(|i| Ok::<_, std::io::Error>(Frame::data(Bytes::from(vec![i; 100]))));
        let stream = StreamBody::new(futures_lite_stream(chunks.collect()));
        let (prefix, body) = ReplayBody::new(stream).read_prefix(250).await;
        // Whole frames are read until the limit is reached, and at most `limit` classified.
        assert_eq!(prefix.len(), 250);
        let all = body
            .collect()
            .await
            .map(http_body_util::Collected::to_bytes)
            .ok();
        assert_eq!(all.map(|b| b.len()), Some(1000));
    }

    #[tokio::test]
    async fn an_error_midway_reaches_the_reader_after_the_prefix() {
        let chunks = vec![
            Ok(Frame::data(Bytes::from_static(b"half"))),
            Err(std::io::Error::other("reset")),
        ];
        let (prefix, mut body) = ReplayBody::new(StreamBody::new(futures_lite_stream(chunks)))
            .read_prefix(64)
            .await;
        assert_eq!(&prefix[..], b"half");
        let first = body
            .frame()
            .await
            .and_then(Result::ok)
            .and_then(|f| f.into_data().ok());
        assert_eq!(first.as_deref(), Some(&b"half"[..]));
        assert!(matches!(body.frame().await, Some(Err(_))));
    }

    /// A stream over a vector, without a stream crate.
    fn futures_lite_stream<T: Unpin>(items: Vec<T>) -> impl futures_core::Stream<Item = T> + Unpin {
        struct Iter<T>(std::vec::IntoIter<T>);
        impl<T: Unpin> futures_core::Stream for Iter<T> {
            type Item = T;
            fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<T>> {
                Poll::Ready(self.0.next())
            }
        }
        Iter(items.into_iter())
    }
}
