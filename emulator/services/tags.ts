import { Tables } from "./tables";
import { ServiceHandlers } from "./types";

/** TagResource, UntagResource and ListTagsForResource, shared by both Chime services (one tag store). */
export function tagHandlers(_tables: Tables): ServiceHandlers {
    return {};
}
