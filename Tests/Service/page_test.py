"""Drives the upload page in headless Chromium: upload a not-eligible example, read the
verdict, switch the language, check keyboard order, and run axe (WCAG 2.1 A and AA) on the
form, the result and the report in it. Usage: page_test.py BASE_URL EXAMPLE"""
import json
import os
import sys

import axe_core_python
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

base, example = sys.argv[1], os.path.abspath(sys.argv[2])
failures = []
# axe-selenium-python bundles axe-core 3.1, which predates the WCAG 2.1 A tags; axe-core-python
# carries axe-core 4.4, injected through axe-selenium-python all the same.
AXE_SCRIPT = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")


def expect(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def audit(driver, name):
    Axe(driver, script_url=AXE_SCRIPT).inject()
    # Axe.run hands the whole result (with element references) back through the driver, which
    # times out; only the violations, as JSON, come back here. Frames (the report) are audited too.
    for frame in driver.find_elements(By.TAG_NAME, "iframe"):
        driver.switch_to.frame(frame)
        Axe(driver, script_url=AXE_SCRIPT).inject()
        driver.switch_to.default_content()
    violations = json.loads(driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
          .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return {target: n.target}; })};
          }))); })
          .catch(function (e) { done(JSON.stringify([{id: "axe-error", impact: "error", help: String(e), nodes: []}])); });
    """))
    for violation in violations:
        print(f"  axe {name}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:3]:
            print(f"    {node['target']}")
    expect(not violations, f"axe finds no WCAG 2.1 A/AA violation on the {name}")


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=sv-SE"):
    options.add_argument(argument)
options.add_experimental_option("prefs", {"intl.accept_languages": "sv-SE,sv"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 30)
try:
    # Without a script the page must work the same: the verdict comes from a plain form post.
    driver.get(base + "/?lang=sv")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv", "the page is in Swedish")
    audit(driver, "Swedish form")
    template = driver.find_element(By.CSS_SELECTOR, "a[href^='/api/v1/template']")
    expect(template.get_attribute("download") is not None, "the page offers a new application to fill in")

    # Keyboard: the skip link first, then the links, then the form's fields in reading order.
    order = []
    for _ in range(8):
        # Through the keyboard as a whole: keys sent to a file input are taken for a file name.
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        order.append(active.get_attribute("id") or active.get_attribute("class") or active.tag_name)
    start = order.index("file") if "file" in order else -1
    expect(order[0] == "skip" and start > 0 and order[start:start + 4] == ["file", "lang", "profile", "button"],
           f"Tab reaches the skip link, then the file, language, profile and submit in order ({order})")

    driver.find_element(By.ID, "file").send_keys(example)
    Select(driver.find_element(By.ID, "lang")).select_by_value("sv")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    verdict = wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#verdict strong")))
    expect(verdict.get_attribute("data-verdict") == "not-eligible", f"the verdict is not-eligible ({verdict.get_attribute('data-verdict')})")
    expect(verdict.text == "ej stödberättigad", f"the verdict reads 'ej stödberättigad' ({verdict.text})")
    expect(driver.find_element(By.ID, "print").is_displayed(), "with a script, the print button is shown")
    links = [a.get_attribute("download") for a in driver.find_elements(By.CSS_SELECTOR, ".downloads a")]
    expect("s3check-report.json" in links and "s3check-report.sarif" in links, f"the other formats can be downloaded ({links})")
    driver.switch_to.frame(driver.find_element(By.ID, "report"))
    expect("EU-COF-001" in driver.page_source, "the HTML report is shown in the page")
    driver.switch_to.default_content()
    audit(driver, "Swedish result")

    # Switch the language with the link in the header.
    driver.find_element(By.CSS_SELECTOR, "nav a[hreflang=en]").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    expect(driver.find_element(By.CSS_SELECTOR, "label[for=file]").text == "Application (XML file)", "the page is in English")
    audit(driver, "English form")

    # A phone's width (390 CSS pixels): nothing may need horizontal scrolling, in either language,
    # before or after a check.
    driver.set_window_size(390, 844)
    for url in (base + "/?lang=sv", base + "/?lang=en"):
        driver.get(url)
        width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        expect(width[0] <= width[1], f"{url} fits 390 px without horizontal scrolling (content {width[0]} px, window {width[1]} px)")
finally:
    driver.quit()

# The same upload with JavaScript switched off: the form alone gives the verdict.
options.add_experimental_option(
    "prefs", {"intl.accept_languages": "en", "profile.managed_default_content_settings.javascript": 2})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(base + "/?lang=en")
    driver.find_element(By.ID, "file").send_keys(example)
    Select(driver.find_element(By.ID, "lang")).select_by_value("en")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    verdict = WebDriverWait(driver, 30).until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#verdict strong")))
    expect(verdict.text == "not eligible", f"without JavaScript, the verdict reads 'not eligible' ({verdict.text})")
    expect(not driver.find_element(By.ID, "print").is_displayed(), "without JavaScript, no print button that cannot work")
finally:
    driver.quit()

print(json.dumps({"failures": failures}))
sys.exit(1 if failures else 0)
