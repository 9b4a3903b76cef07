// The Content-Security-Policy nonce of this response (server/http/securityHeaders.ts), handed
// from entry.server to the scripts the root layout renders. Empty in the browser, where the
// scripts are already running.
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
