//! A tiny HTTP/1.1 server on loopback for the faults wiremock cannot produce: a connection
//! closed or reset before the response, a body cut off after its head, an answer that
//! never comes. Each accepted connection follows the next script in order; after the last
//! script the listener is closed, so an attempt beyond what a test planned finds nothing
//! listening (a connect error the test then sees), rather than hanging.

#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one connection.
#[derive(Debug, Clone)]
pub enum Script {
    /// Close at once, without reading the request.
    CloseAtOnce,
    /// Read the request, then close (FIN) without answering.
    Close,
    /// Read the request, then reset the connection (RST) without answering.
    Reset,
    /// Read the request, send a head promising `promised` body bytes and `sent` of them,
    /// then close (or, with `reset`, reset).
    CutBody {
        promised: usize,
        sent: usize,
        reset: bool,
    },
    /// Read the request, then send nothing for this long before closing.
    Stall(Duration),
    /// Read the request and answer with this status and JSON body.
    Json(u16, String),
}

/// The server; it stops with the test's runtime.
pub struct RawServer {
    address: std::net::SocketAddr,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl RawServer {
    /// Listens on a free loopback port and serves one connection per script.
    pub async fn start(scripts: Vec<Script>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (counted, read) = (Arc::clone(&connections), Arc::clone(&requests));
        tokio::spawn(async move {
            for script in scripts {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, script, Arc::clone(&read)));
            }
            // `listener` drops here: later connects are refused.
        });
        RawServer {
            address,
            connections,
            requests,
        }
    }

    /// The base URL to give a client.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Connections accepted so far: one per attempt, since every script ends its
    /// connection.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests read in full so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, script: Script, requests: Arc<AtomicUsize>) {
    if matches!(script, Script::CloseAtOnce) {
        return;
    }
    if read_request(&mut stream).await.is_err() {
        return;
    }
    requests.fetch_add(1, Ordering::SeqCst);
    match script {
        Script::CloseAtOnce => {}
        Script::Close => {
            let _ = stream.shutdown().await;
        }
        Script::Reset => reset(stream),
        Script::CutBody {
            promised,
            sent,
            reset: with_reset,
        } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {promised}\r\nconnection: close\r\n\r\n"
            );
            let body = vec![b' '; sent];
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.flush().await;
            // Let the client read the head and the partial body before the end comes.
            tokio::time::sleep(Duration::from_millis(50)).await;
            if with_reset {
                reset(stream);
            } else {
                let _ = stream.shutdown().await;
            }
        }
        Script::Stall(duration) => {
            tokio::time::sleep(duration).await;
        }
        Script::Json(status, body) => {
            let response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    }
}

/// Drops the connection with an RST instead of a FIN.
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

/// Reads a request head and its `content-length` body.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}
