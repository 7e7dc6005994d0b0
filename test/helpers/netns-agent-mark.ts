/** The prefix of the agent's reply lines (shared by netns-agent.ts and its driver in netns-node.ts). */
export const AGENT_MARK = '@@netns-agent@@ ';
