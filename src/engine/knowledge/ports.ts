/**
 * Ports that administer a machine or hold its data: logins and remote desktops, file shares, databases, caches and
 * queues, search engines, the APIs of container engines, clusters and their stores, notebooks and model servers.
 * Open to the world, or handed to a tunnel, they are a way in (80 and 443 are a website). One list for the shell, for
 * infrastructure code and for cloud API calls, so that what one path knows the others know.
 */
export const ADMIN_PORTS: ReadonlySet<number> = new Set([
  22, 23, 139, 445, 1433, 1521, 2181, 2375, 2376, 2379, 3306, 3389, 5432, 5601, 5900, 5984, 5985, 5986, 6379, 6443,
  8500, 9042, 9092, 9200, 9300, 10250, 11211, 15672, 27017,
  // and the notebooks, job dashboards and model servers that run or answer whatever they are sent: Jupyter, Ray's
  // dashboard and client, TensorBoard, Ollama
  8888, 8265, 10001, 6006, 11434,
]);

/** Whether a port written as text (`5432`, `"6379"`) is one of them. */
export const isAdminPort = (port: string | undefined): boolean => port !== undefined && /^\d{1,5}$/.test(port) && ADMIN_PORTS.has(Number(port));
