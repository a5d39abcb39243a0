import { appPort, receiverPorts, startReceivers } from './receivers.ts';

/**
 * Runs in the Playwright runner process once the server is up (webServer starts first) and before any test:
 * starts the local SMTP and webhook receivers the server sends notifications to; they stop when the run ends.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  return startReceivers(receiverPorts(appPort));
}
