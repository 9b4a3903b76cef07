// A field people never see (hidden, out of the tab order): only robots fill it in. Public forms
// thank a robot and store nothing, with no third-party captcha.
export const robotTrapName = "website";

export const filledByRobot = (form: FormData) => String(form.get(robotTrapName) ?? "") !== "";

export function RobotTrap() {
  return (
    <div aria-hidden="true" className="hidden">
      <label>
        Leave this empty
        <input name={robotTrapName} tabIndex={-1} autoComplete="off" />
      </label>
    </div>
  );
}
