package fi.dentalsystems.register.intake;

/** Where SES put the raw message: an S3 bucket in AWS, a folder locally. */
interface RawMailStore {
    byte[] read(String bucket, String key);
}
