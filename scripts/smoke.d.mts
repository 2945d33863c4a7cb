export function unreadyDeployments(list: {
  items: { metadata: { name: string }; spec?: { replicas?: number }; status?: { readyReplicas?: number } }[];
}): string[];
export function rankedPageProblems(page: unknown): string[];
