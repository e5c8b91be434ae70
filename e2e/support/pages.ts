import type { Page } from 'playwright-core';

/** Page objects: what a person does on a page, in the page's own words. */
export class SignInPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}
  async open(next = '') {
    await this.page.goto(`${this.baseUrl}/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    return this;
  }
  async signIn(email: string, password: string) {
    await this.page.getByLabel(/E-postadress|Email address/).fill(email);
    await this.page.getByLabel(/^(Lösenord|Password)/).fill(password);
    await this.page.getByRole('button', { name: /^(Logga in|Sign in)$/ }).click();
  }
}

export class SignUpPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}
  async open() {
    await this.page.goto(`${this.baseUrl}/signup`);
    return this;
  }
  async fill(fields: { name?: string; email?: string; password?: string; consent?: boolean }) {
    if (fields.name !== undefined) await this.page.getByLabel(/^(Namn|Name)/).fill(fields.name);
    if (fields.email !== undefined) await this.page.getByLabel(/E-postadress|Email address/).fill(fields.email);
    if (fields.password !== undefined) await this.page.getByLabel(/^(Lösenord|Password)/).fill(fields.password);
    if (fields.consent) await this.page.getByRole('checkbox').check();
  }
  async submit() {
    await this.page.getByRole('button', { name: /Skapa konto|Create account/ }).click();
  }
  errorSummaryLinks() {
    return this.page.locator('.error-summary a');
  }
}
