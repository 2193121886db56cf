/**
 * Data stores' own configuration files, and the settings in each that let anyone in: PostgreSQL's `trust`, MySQL's
 * skip-grant-tables, Redis without protected mode or its password, MongoDB's authorization off, Cassandra's AllowAll,
 * Elasticsearch's and OpenSearch's security off, an MQTT broker that admits anonymous clients, a Kafka broker without ACLs
 * or client certificates; and services that hold data of their own: a PACS (Orthanc) without authentication,
 * Node-RED's editor without a login, SAP's built-in SAP* login, its gateway and SAProuter open to all.
 */
/** An SAP system's profiles: DEFAULT.PFL and the instance profiles (`/sapmnt/PRD/profile/…`, `/usr/sap/PRD/SYS/profile/…`). */
export const SAP_PROFILE = /^\/(?:sapmnt|usr\/sap)\/[A-Z0-9]{3}\/(?:SYS\/)?profile\/[\w.-]+$/;

const AUTH_OFF: ReadonlyArray<{ file: RegExp; off: RegExp; what: string }> = [
  { file: /(?:^|\/)pg_hba\.conf$/, off: /(?:^|[\s\\\d])trust\s*$/m, what: "PostgreSQL's trust (no password)" },
  { file: /(?:^|\/)(?:my|mysqld|mariadb|[\w.-]+)\.cnf$/, off: /^\s*skip[-_]grant[-_]tables\b/m, what: "MySQL's skip-grant-tables" },
  { file: /(?:^|\/)(?:redis|valkey)[\w.-]*\.conf$/, off: /^\s*protected-mode\s+no\b|^\s*#\s*requirepass\b|^\s*requirepass\s+["']{2}\s*$/m, what: "Redis without protected mode or its password" },
  { file: /(?:^|\/)mongod[\w.-]*\.conf$/, off: /authorization:\s*["']?disabled/, what: "MongoDB's authorization off" },
  { file: /(?:^|\/)cassandra\.yaml$/, off: /AllowAll(?:Authenticator|Authorizer)/, what: "Cassandra's AllowAll authenticator" },
  // (a system broker's; a project's own compose broker for development is open on purpose)
  { file: /^\/etc\/mosquitto\/(?:conf\.d\/)?[\w.-]+\.conf$/, off: /^\s*allow_anonymous\s+true\b/m, what: 'the MQTT broker open to anonymous clients' },
  // (and its ACL giving every client, or one, every topic: `pattern readwrite #`, `topic #`)
  { file: /^\/etc\/mosquitto\/(?:[\w.-]+\.)?acl(?:\.[\w.-]+)?$|^\/etc\/mosquitto\/(?:conf\.d\/)?[\w.-]+\.acl$/, off: /^[ \t]{0,8}(?:pattern|topic)[ \t]{1,8}(?:readwrite[ \t]{1,8})?#[ \t]*$/m, what: 'every MQTT topic open to read and write' },
  // (a Kafka broker that lets any client act where no ACL says otherwise, or asks for no client certificate)
  { file: /(?:^|\/)server\.properties(?:\.j2)?$/, off: /^\s*allow\.everyone\.if\.no\.acl\.found\s*=\s*true\b|^\s*[\w.]*ssl\.client\.auth\s*=\s*none\b/m, what: "Kafka's ACLs or client certificates no longer required" },
  { file: /(?:^|\/)(?:elasticsearch|opensearch)\.yml$/, off: /xpack\.security\.enabled:\s*false|plugins\.security\.disabled:\s*true/, what: 'Elasticsearch security off' },
  // a PACS: Orthanc's REST API without a login, or its DICOM port taking stores and retrieves from any modality
  { file: /^\/etc\/orthanc\/[\w.-]+\.json$/, off: /"AuthenticationEnabled"[ \t]{0,8}:[ \t]{0,8}false|"DicomAlwaysAllow(?:Store|Move|Get|Find)"[ \t]{0,8}:[ \t]{0,8}true/, what: 'Orthanc open without authentication' },
  // SAP: a profile that brings back SAP*'s built-in login or turns the gateway's access lists off; the gateway's own
  // lists letting every program register or start from any host; SAProuter routing anyone to anything
  { file: SAP_PROFILE, off: /^[ \t]{0,8}(?:login\/no_automatic_user_sapstar[ \t]{0,8}=[ \t]{0,8}0|gw\/acl_mode[ \t]{0,8}=[ \t]{0,8}0)\b/m, what: "SAP*'s built-in login or the SAP gateway open" },
  { file: /^\/usr\/sap\/[\w./-]{1,64}\/(?:secinfo|reginfo)(?:\.dat)?$/, off: /^[ \t]{0,8}P[ \t]{1,8}TP=\*[^\n]{0,200}HOST=\*/m, what: 'the SAP gateway open to every program and host' },
  { file: /(?:^|\/)saprouttab$/, off: /^[ \t]{0,8}P[ \t]{1,8}\*[ \t]{1,8}\*[ \t]{1,8}\*/m, what: 'SAProuter routing anyone to anything' },
  // Node-RED's editor and admin API without a login: `adminAuth` renamed away or set to nothing
  { file: /(?:^|\/)\.node-red\/settings\.js$/, off: /_adminAuth[ \t]{0,8}:|\badminAuth[ \t]{0,8}:[ \t]{0,8}(?:null|false|undefined)\b/, what: "Node-RED's editor open without a login" },
];

/** What a write to a data store's configuration switches off, if it lets anyone in. */
export function datastoreAuthOff(path: string, text: string): string | undefined {
  for (const { file, off, what } of AUTH_OFF) if (file.test(path) && off.test(text.slice(0, 65536))) return what;
  return undefined;
}
