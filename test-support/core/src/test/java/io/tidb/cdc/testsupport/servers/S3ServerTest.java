package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(TestServersExtension.class)
class S3ServerTest {
  private static S3Client client(S3Server s3, String secretKey) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secretKey)))
        .build();
  }

  @Test
  void createsBucketAndRoundTripsAnObject(S3Server s3) {
    try (S3Client client = client(s3, s3.secretKey())) {
      client.createBucket(request -> request.bucket("smoke-bucket"));
      client.putObject(
          request -> request.bucket("smoke-bucket").key("dir/object.txt"),
          RequestBody.fromString("hello s3"));

      String content =
          client
              .getObjectAsBytes(request -> request.bucket("smoke-bucket").key("dir/object.txt"))
              .asUtf8String();

      assertThat(content).isEqualTo("hello s3");
      assertThat(client.listObjectsV2(request -> request.bucket("smoke-bucket")).contents())
          .extracting(object -> object.key())
          .containsExactly("dir/object.txt");
    }
  }

  @Test
  void rejectsAWrongSecretKey(S3Server s3) {
    try (S3Client client = client(s3, "not-the-secret")) {
      assertThatThrownBy(client::listBuckets)
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }
  }
}
