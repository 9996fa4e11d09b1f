package com.acme.crm.common.paging;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list answer; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {
}
