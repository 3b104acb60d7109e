import { GetMessagingSessionEndpointCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { REGION_RULE } from "./arn-rules";
import type { FunctionDeclaration } from "./function";

/** Where a client's MessagingSession connects (the WebSocket of the messaging service), for a web app's stack. */
export const getMessagingSessionEndpoint: FunctionDeclaration = {
    name: "getMessagingSessionEndpoint",
    description:
        "The endpoint a client's `MessagingSession` (the Amazon Chime SDK for JavaScript) connects to in a region: " +
        "what a web app's stack hands its clients.",
    args: { region: { doc: "The region; by default the configured one.", rule: REGION_RULE } },
    result: { properties: { url: { type: "string", doc: "The endpoint's URL." } } },
    async run(api, args) {
        const command = new GetMessagingSessionEndpointCommand({});
        const answer = await api.send("messaging", command, undefined, args.region as string | undefined);
        return { url: answer.Endpoint?.Url };
    },
};
