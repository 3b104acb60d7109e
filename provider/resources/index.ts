import { ResourceImplementation } from "../resource-provider";

/** Every resource type this package provides, by type name (the SDK class name). */
export const resourceImplementations: Record<string, ResourceImplementation> = {};
