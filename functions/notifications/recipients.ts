import { defaultNotificationSettings, type NotificationSettings } from '#shared/domain/notification.ts';
import { activeConsent } from '#shared/domain/rules/consent.ts';
import { getAccount } from '#functions/data/account-repository.ts';
import { getRecipientFacts, type RecipientFacts } from '#functions/data/notification-repository.ts';
import { fullName } from '#functions/data/people-repository.ts';
import { getSchoolReference } from '#functions/data/school-repository.ts';

/**
 * Who is told about a student, and how (п. 2.4): the student themself and each parent who
 * receives notifications — each only with an account in use and a consent in force (152-ФЗ: no
 * consent, no processing), by their own settings or else the school's. Read once per person
 * per run (one Query of their partition + one GetItem of the account).
 */
export type Recipient = {
  personId: string;
  name: string;
  /** «Анна Сергеевна»: how an e-mail greets them. */
  greetingName: string;
  email?: string;
  settings: NotificationSettings;
};

export type StudentCircle = { studentId: string; studentName: string; recipients: Recipient[] };

export class RecipientBook {
  private readonly facts = new Map<string, Promise<RecipientFacts>>();
  private readonly recipients = new Map<string, Promise<Recipient | null>>();
  private readonly circles = new Map<string, Promise<StudentCircle | null>>();

  constructor(private readonly now: Date) {}

  factsOf(personId: string): Promise<RecipientFacts> {
    let hit = this.facts.get(personId);
    if (!hit) {
      hit = getRecipientFacts(personId);
      this.facts.set(personId, hit);
    }
    return hit;
  }

  /** The person as a recipient, or null: no account, disabled, left the school, no consent in force. */
  recipient(personId: string): Promise<Recipient | null> {
    let hit = this.recipients.get(personId);
    if (!hit) {
      hit = this.load(personId);
      this.recipients.set(personId, hit);
    }
    return hit;
  }

  private async load(personId: string): Promise<Recipient | null> {
    const [facts, reference] = await Promise.all([this.factsOf(personId), getSchoolReference()]);
    const person = facts.person;
    if (!person?.userId || person.archivedAt) return null;
    if (!activeConsent(facts.consents, personId, this.now)) return null;
    const account = await getAccount(person.userId);
    if (!account || account.status !== 'active') return null;
    const schoolDefaults = reference.settings?.notificationDefaults ?? defaultNotificationSettings();
    return {
      personId,
      name: fullName(person),
      greetingName: [person.firstName, person.middleName].filter(Boolean).join(' '),
      ...(person.contacts?.email ? { email: person.contacts.email } : {}),
      settings: facts.settings?.settings ?? schoolDefaults,
    };
  }

  /** A student and everyone told about them. */
  circle(studentId: string): Promise<StudentCircle | null> {
    let hit = this.circles.get(studentId);
    if (!hit) {
      hit = this.loadCircle(studentId);
      this.circles.set(studentId, hit);
    }
    return hit;
  }

  private async loadCircle(studentId: string): Promise<StudentCircle | null> {
    const facts = await this.factsOf(studentId);
    if (!facts.person) return null;
    const ids = [studentId, ...facts.parents.filter((g) => g.receivesNotifications !== false).map((g) => g.parentId)];
    const recipients = (await Promise.all(ids.map((id) => this.recipient(id)))).filter((r): r is Recipient => r !== null);
    return { studentId, studentName: fullName(facts.person), recipients };
  }
}
