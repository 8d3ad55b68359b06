package org.observatory.api.submission;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One page of a list of submissions, newest first, with the cursor of the next page when there is one. */
public record SubmissionPage(List<SubmissionView> items, Optional<ListCursor> next) {
    public SubmissionPage {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(next, "next is null");
    }
}
