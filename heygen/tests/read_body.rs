//! The body the transport reads (under its cap) reaches the generated decoders in the
//! response's extensions (`heygen_sys::ReadBody`), not by rebuilding the response: these check
//! that every way a body leaves the SDK still carries it whole.

use heygen_sdk::Client;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str) -> Client {
    Client::builder()
        .api_key("sk_test_secret")
        .base_url(base_url)
        .max_retries(0)
        .build()
        .unwrap()
}

fn video(id: &str) -> serde_json::Value {
    json!({"data": {"id": id, "status": "completed", "video_url": "https://files.example/v.mp4"}})
}

#[tokio::test]
async fn an_undecoded_answer_hands_out_its_body_in_place() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .respond_with(ResponseTemplate::new(418).set_body_string("short and stout"))
        .mount(&server)
        .await;
    let client = client(&server.uri());

    // Straight from the generated client: the 418 is not in the document.
    let error = client
        .raw()
        .get_video_v3()
        .video_id("v1")
        .send()
        .await
        .unwrap_err();
    let heygen_sys::Error::UnexpectedResponse(response) = error else {
        panic!("{error:?}");
    };
    assert_eq!(response.status().as_u16(), 418);
    assert!(
        response
            .extensions()
            .get::<heygen_sys::ReadBody>()
            .is_none()
    );
    assert_eq!(response.text().await.unwrap(), "short and stout");

    // Through the SDK: the typed error quotes it.
    let error = client.videos().get("v1").await.unwrap_err();
    let heygen_sdk::Error::Api(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.status, 418);
    assert!(api.message.contains("short and stout"), "{api:?}");
    assert_eq!(api.operation, "getVideoV3");
}

#[tokio::test]
async fn restore_body_leaves_a_response_without_one_as_it_is() {
    let response = reqwest::Response::from(http::Response::new("as sent"));
    let response = heygen_sys::restore_body(response);
    assert_eq!(response.text().await.unwrap(), "as sent");
}

/// A server that answers one request with `body` in three chunks of a chunked encoding.
async fn chunked_server(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0; 4096];
        let mut read = 0;
        while !request[..read].windows(4).any(|w| w == b"\r\n\r\n") {
            read += socket.read(&mut request[read..]).await.unwrap();
        }
        socket
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                  transfer-encoding: chunked\r\nconnection: close\r\n\r\n",
            )
            .await
            .unwrap();
        let third = body.len() / 3;
        for part in [&body[..third], &body[third..2 * third], &body[2 * third..]] {
            let chunk = [format!("{:x}\r\n", part.len()).as_bytes(), part, b"\r\n"].concat();
            socket.write_all(&chunk).await.unwrap();
            socket.flush().await.unwrap();
            tokio::task::yield_now().await;
        }
        socket.write_all(b"0\r\n\r\n").await.unwrap();
    });
    url
}

#[tokio::test]
async fn a_body_in_several_chunks_is_decoded_whole() {
    let mut body = video("v_chunked");
    body["data"]["title"] = json!("t".repeat(3000));
    let url = chunked_server(serde_json::to_vec(&body).unwrap()).await;
    let detail = client(&url).videos().get("v_chunked").await.unwrap();
    assert_eq!(detail.id, "v_chunked");
    assert_eq!(detail.title.as_deref().map(str::len), Some(3000));
}

#[tokio::test]
async fn a_generated_client_without_the_transport_reads_the_body_itself() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video("v2")))
        .mount(&server)
        .await;
    let raw = heygen_sys::Client::new_with_client(
        &server.uri(),
        heygen_sdk::http_client_builder().unwrap().build().unwrap(),
        heygen_sys::Exec::direct(),
    );
    let envelope = raw
        .get_video_v3()
        .video_id("v2")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(envelope.data.unwrap().id, "v2");
}
