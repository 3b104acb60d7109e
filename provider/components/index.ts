import { appInstanceWithAdmin } from "./app-instance-with-admin";
import { channelFlowWithPermissions } from "./channel-flow-with-permissions";
import type { ComponentDeclaration } from "./component";

/** Every component this package provides, by type name (the SDK class name). */
export const componentDeclarations = {
    AppInstanceWithAdmin: appInstanceWithAdmin,
    ChannelFlowWithPermissions: channelFlowWithPermissions,
} satisfies Record<string, ComponentDeclaration>;

export type ComponentTypeName = keyof typeof componentDeclarations;

const byType: ReadonlyMap<string, ComponentDeclaration> = new Map(Object.entries(componentDeclarations));

/** The declaration of a component named at run time (a Construct's type token), if this package has it. */
export function componentOf(type: string): ComponentDeclaration | undefined {
    return byType.get(type);
}
