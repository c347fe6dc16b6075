package fi.dentalsystems.register.intake;

/**
 * Where SES put the raw message: an S3 bucket in AWS, a folder locally. A message the intake has
 * finished with is marked processed; only marked mail expires (the bucket's lifecycle rule), so
 * mail whose processing failed stays until it is replayed (decision 0010).
 */
interface RawMailStore {
    byte[] read(String bucket, String key);

    boolean processed(String bucket, String key);

    void markProcessed(String bucket, String key);
}
