/// <reference lib="dom" />

/**
 * The console's script, run in the page (routes.ts serves this function's source, called at once): it draws the
 * emulator's topology, reads it again every second and draws what changed, and shows a channel's recent messages
 * when asked. It only reads, and only from the emulator that served it. It refers to nothing outside itself.
 */
export function consoleApp(): void {
    type Member = { arn: string; type: string };
    type Channel = {
        arn: string;
        name: string;
        privacy: string;
        mode: string;
        flow?: string;
        members: Member[];
        moderators: string[];
        bans: string[];
    };
    type Flow = { arn: string; name: string; processors: { name: string; lambda?: string; executionOrder: number }[] };
    type Instance = {
        arn: string;
        name: string;
        users: { arn: string; name: string }[];
        bots: { arn: string; name?: string }[];
        admins: string[];
        channels: Channel[];
        flows: Flow[];
        retentionDays?: number;
        streaming: { dataType: string; resourceArn: string }[];
    };
    type Topology = { regions: { region: string; appInstances: Instance[] }[] };

    const root = document.getElementById("topology")!;
    const status = document.getElementById("status")!;
    const openMessages = new Set<string>();
    let drawn = "";

    function el(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
        const node = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
        for (const child of children) node.append(child);
        return node;
    }
    const tag = (text: string, kind = "") => el("span", { class: `tag ${kind}`.trim() }, text);

    function nameOf(instance: Instance, arn: string): string {
        const found = [...instance.users, ...instance.bots].find((who) => who.arn === arn);
        return found?.name ?? arn.split("/").pop() ?? arn;
    }

    function list(items: Node[], empty: string): HTMLElement {
        return items.length > 0
            ? el("ul", {}, ...items.map((item) => el("li", {}, item)))
            : el("p", { class: "empty" }, empty);
    }

    async function showMessages(channelArn: string, into: HTMLElement): Promise<void> {
        const answer = await fetch(`/_emulator/console/messages?channel=${encodeURIComponent(channelArn)}`);
        const { messages } = (await answer.json()) as {
            messages: { sender: string; content?: string; status?: string; sentAt: string }[];
        };
        const rows = messages.map((m) =>
            el(
                "tr",
                {},
                el("td", {}, m.sentAt.slice(11, 19)),
                el("td", {}, m.sender.split("/").pop() ?? m.sender),
                el("td", {}, m.content ?? ""),
                el("td", { class: `status-${m.status}` }, m.status ?? ""),
            ),
        );
        into.replaceChildren(
            messages.length > 0
                ? el(
                      "table",
                      { class: "messages" },
                      el(
                          "tr",
                          {},
                          el("th", {}, "sent"),
                          el("th", {}, "sender"),
                          el("th", {}, "content"),
                          el("th", {}, "status"),
                      ),
                      ...rows,
                  )
                : el("p", { class: "empty" }, "no messages"),
        );
    }

    function channelView(instance: Instance, channel: Channel): HTMLElement {
        const flow = instance.flows.find((f) => f.arn === channel.flow);
        const members = channel.members.map((m) => {
            const item = el("span", { "data-member": m.arn }, nameOf(instance, m.arn));
            if (m.type === "HIDDEN") item.append(tag("hidden", "hidden"));
            if (channel.moderators.includes(m.arn)) item.append(tag("moderator", "moderator"));
            return item;
        });
        const moderatorsOnly = channel.moderators
            .filter((arn) => !channel.members.some((m) => m.arn === arn))
            .map((arn) => el("span", { "data-member": arn }, nameOf(instance, arn), tag("moderator", "moderator")));
        const bans = channel.bans.map((arn) =>
            el("span", { "data-banned": arn }, nameOf(instance, arn), tag("banned", "banned")),
        );
        const messages = el("div", { class: "messages" });
        const button = el(
            "button",
            { type: "button" },
            openMessages.has(channel.arn) ? "Hide messages" : "Recent messages",
        );
        button.addEventListener("click", () => {
            if (openMessages.has(channel.arn)) openMessages.delete(channel.arn);
            else openMessages.add(channel.arn);
            drawn = "";
            void refresh();
        });
        if (openMessages.has(channel.arn)) void showMessages(channel.arn, messages);
        return el(
            "div",
            { class: "channel", "data-channel": channel.arn },
            el(
                "h5",
                {},
                channel.name,
                tag(channel.privacy.toLowerCase(), channel.privacy === "PRIVATE" ? "private" : ""),
                tag(channel.mode.toLowerCase(), channel.mode === "RESTRICTED" ? "restricted" : ""),
                ...(flow ? [tag(`flow: ${flow.name}`, "flow")] : []),
            ),
            el("div", { class: "arn" }, channel.arn),
            list([...members, ...moderatorsOnly, ...bans], "no members"),
            button,
            messages,
        );
    }

    function instanceView(instance: Instance): HTMLElement {
        const settings = [
            `retention: ${instance.retentionDays === undefined ? "none" : `${instance.retentionDays} days`}`,
            ...instance.streaming.map((s) => `streaming ${s.dataType} to ${s.resourceArn}`),
        ];
        return el(
            "article",
            { class: "instance", "data-app-instance": instance.arn },
            el("h3", {}, instance.name),
            el("div", { class: "arn" }, instance.arn),
            el(
                "div",
                { class: "columns" },
                el(
                    "section",
                    {},
                    el("h4", {}, `Users and bots (${instance.users.length + instance.bots.length})`),
                    list(
                        [
                            ...instance.users.map((u) =>
                                el("span", {}, u.name, ...(instance.admins.includes(u.arn) ? [tag("admin")] : [])),
                            ),
                            ...instance.bots.map((b) =>
                                el(
                                    "span",
                                    {},
                                    b.name ?? b.arn,
                                    tag("bot"),
                                    ...(instance.admins.includes(b.arn) ? [tag("admin")] : []),
                                ),
                            ),
                        ],
                        "none",
                    ),
                    el("h4", {}, "Channel flows"),
                    list(
                        instance.flows.map((f) =>
                            el(
                                "span",
                                { "data-flow": f.arn },
                                f.name,
                                el(
                                    "ul",
                                    {},
                                    ...f.processors.map((p) =>
                                        el("li", {}, `${p.executionOrder}. ${p.name}: ${p.lambda ?? ""}`),
                                    ),
                                ),
                            ),
                        ),
                        "none",
                    ),
                    el("h4", {}, "Settings"),
                    list(
                        settings.map((s) => document.createTextNode(s)),
                        "none",
                    ),
                ),
                el(
                    "section",
                    {},
                    el("h4", {}, `Channels (${instance.channels.length})`),
                    ...instance.channels.map((c) => channelView(instance, c)),
                ),
            ),
        );
    }

    async function refresh(): Promise<void> {
        try {
            const answer = await fetch("/_emulator/console/topology");
            const text = await answer.text();
            status.textContent = `Read at ${new Date().toLocaleTimeString()}; it reads again every second.`;
            if (text === drawn) return;
            drawn = text;
            const topology = JSON.parse(text) as Topology;
            const regions = topology.regions.map((r) =>
                el(
                    "div",
                    { class: "region", "data-region": r.region },
                    el("h2", {}, r.region),
                    ...r.appInstances.map(instanceView),
                ),
            );
            root.replaceChildren(
                ...(regions.length > 0 ? regions : [el("p", { class: "empty" }, "No app instance yet.")]),
            );
        } catch (error) {
            status.textContent = `The emulator does not answer (${(error as Error).message}).`;
        }
    }

    void refresh();
    setInterval(() => void refresh(), 1000);
}
