/**
 * The write side of the API apart from HTTP: the rules of submissions ({@link org.observatory.api.submission.Submissions}:
 * who may submit, read, decide and download what, the state of each part, the fix list), what the server needs from
 * outside the api module to accept submissions and start pipeline runs (the ingest service behind {@link
 * org.observatory.api.submission.SubmissionIntake}, a pipeline command line behind {@link
 * org.observatory.api.submission.PipelineLauncher}), and the pipeline runs it starts.
 */
package org.observatory.api.submission;
