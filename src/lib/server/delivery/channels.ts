// Which channels exist is decided from the configuration: e-mail if SMTP_URL (and MAIL_FROM), SMS if
// SMS_GATEWAY_URL passes the URL policy, the demo outbox in demo mode. The routing of messages
// (senderFor) and the worker's notifiers both come from here, so they always agree.
import type { ChannelSet, Channel } from '$lib/domain/delivery';
import { translator } from '$lib/i18n';
import type { DeliveryConfig } from '../config';
import type { Db } from '../db/open';
import { createDemoNotifier } from './demo';
import { checkEmailSettings, createEmailNotifier } from './email';
import { gatewayPolicyFor } from './gateway-url';
import type { Notifier } from './notifier';
import { checkSmsSettings, createSmsNotifier } from './sms';

export interface ChannelReport {
	channels: ChannelSet;
	/** Vietnamese explanations of configured-but-unusable channels, for the server log at start. */
	problems: string[];
}

export function configuredChannels(config: DeliveryConfig, demo: boolean): ChannelReport {
	const t = translator('vi');
	const problems: string[] = [];
	const email = Boolean(config.smtpUrl) && checkEmailSettings(config.smtpUrl, config.mailFrom);
	if (config.smtpUrl && !email) problems.push(t('delivery.error.smtpConfig'));
	const smsProblem = config.smsGatewayUrl
		? checkSmsSettings({
				url: config.smsGatewayUrl,
				keyHeader: config.smsGatewayKeyHeader,
				key: config.smsGatewayKey,
				bodyTemplate: config.smsGatewayBody,
				policy: gatewayPolicyFor(demo)
			})
		: null;
	if (smsProblem) problems.push(t(smsProblem.key, smsProblem.params));
	return { channels: { email, sms: Boolean(config.smsGatewayUrl) && !smsProblem, demo }, problems };
}

/** The notifiers for the configured channels. */
export function createNotifiers(
	config: DeliveryConfig,
	options: { db: Db; demo: boolean; quietDemo?: boolean }
): Partial<Record<Channel, Notifier>> {
	const { channels } = configuredChannels(config, options.demo);
	const notifiers: Partial<Record<Channel, Notifier>> = {};
	if (channels.email) notifiers.email = createEmailNotifier({ smtpUrl: config.smtpUrl!, mailFrom: config.mailFrom! });
	if (channels.sms) {
		notifiers.sms = createSmsNotifier({
			url: config.smsGatewayUrl!,
			keyHeader: config.smsGatewayKeyHeader,
			key: config.smsGatewayKey,
			bodyTemplate: config.smsGatewayBody,
			policy: gatewayPolicyFor(options.demo)
		});
	}
	if (channels.demo) notifiers.demo = createDemoNotifier(options.db, { quiet: options.quietDemo });
	return notifiers;
}
