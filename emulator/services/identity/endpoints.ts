import { notFound, resourceLimitExceeded } from "../../protocol/errors";
import { newHexId, paginate } from "../common";
import { Tables } from "../tables";
import { CallContext, IdentityHandlers } from "../types";
import { requireUser } from "./lookups";

/** Service quota: endpoints per app instance user. */
export const MAX_ENDPOINTS_PER_USER = 10;

interface EndpointRecord {
    AppInstanceUserArn: string;
    EndpointId: string;
    Name?: string;
    Type: string;
    ResourceArn: string;
    EndpointAttributes: { DeviceToken: string; VoipDeviceToken?: string };
    AllowMessages: string;
    EndpointState: { Status: string; StatusReason?: string };
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

function requireEndpoint(tables: Tables, userArn: string, endpointId: string): EndpointRecord {
    requireUser(tables, userArn);
    const endpoint = tables.userEndpoints.get(userArn, endpointId) as EndpointRecord | undefined;
    if (!endpoint) throw notFound(`The endpoint ${endpointId} of the app instance user ${userArn} does not exist.`);
    return endpoint;
}

export function endpointsHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        RegisterAppInstanceUserEndpoint(input, context: CallContext) {
            const userArn = requireUser(tables, input.AppInstanceUserArn).AppInstanceUserArn;
            if (tables.userEndpoints.partitionSize(userArn) >= MAX_ENDPOINTS_PER_USER) {
                throw resourceLimitExceeded(
                    `The app instance user ${userArn} has reached the limit of ${MAX_ENDPOINTS_PER_USER} endpoints.`,
                );
            }
            const endpoint: EndpointRecord = {
                AppInstanceUserArn: userArn,
                EndpointId: newHexId(),
                Name: input.Name,
                Type: input.Type,
                ResourceArn: input.ResourceArn,
                EndpointAttributes: input.EndpointAttributes,
                AllowMessages: input.AllowMessages ?? "ALL",
                EndpointState: { Status: "ACTIVE" },
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            };
            tables.userEndpoints.set(userArn, endpoint.EndpointId, { ...endpoint });
            return { AppInstanceUserArn: userArn, EndpointId: endpoint.EndpointId };
        },

        DescribeAppInstanceUserEndpoint(input) {
            return {
                AppInstanceUserEndpoint: { ...requireEndpoint(tables, input.AppInstanceUserArn, input.EndpointId) },
            };
        },

        UpdateAppInstanceUserEndpoint(input, context: CallContext) {
            const endpoint = requireEndpoint(tables, input.AppInstanceUserArn, input.EndpointId);
            tables.userEndpoints.set(endpoint.AppInstanceUserArn, endpoint.EndpointId, {
                ...endpoint,
                Name: input.Name ?? endpoint.Name,
                AllowMessages: input.AllowMessages ?? endpoint.AllowMessages,
                LastUpdatedTimestamp: context.now,
            });
            return { AppInstanceUserArn: endpoint.AppInstanceUserArn, EndpointId: endpoint.EndpointId };
        },

        DeregisterAppInstanceUserEndpoint(input) {
            const endpoint = requireEndpoint(tables, input.AppInstanceUserArn, input.EndpointId);
            tables.userEndpoints.delete(endpoint.AppInstanceUserArn, endpoint.EndpointId);
            return {};
        },

        ListAppInstanceUserEndpoints(input) {
            const userArn = requireUser(tables, input.AppInstanceUserArn).AppInstanceUserArn;
            const summaries = [...tables.userEndpoints.partition(userArn).values()].map((record) => {
                const endpoint = record as unknown as EndpointRecord;
                return {
                    AppInstanceUserArn: endpoint.AppInstanceUserArn,
                    EndpointId: endpoint.EndpointId,
                    Name: endpoint.Name,
                    Type: endpoint.Type,
                    AllowMessages: endpoint.AllowMessages,
                    EndpointState: endpoint.EndpointState,
                };
            });
            const { page, nextToken } = paginate(
                summaries,
                input.MaxResults,
                input.NextToken,
                `ListAppInstanceUserEndpoints:${userArn}`,
            );
            return { AppInstanceUserEndpoints: page, NextToken: nextToken };
        },
    };
}
