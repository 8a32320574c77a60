import{$ as e,Ct as t,G as n,J as r,K as i,P as a,Q as o,U as s,W as c,Y as l,_ as u,at as d,bt as f,et as p,f as m,h,ht as g,j as _,ln as v,lt as ee,m as y,nt as b,ot as x,q as S,r as C,s as w,st as T,vt as E,yt as D}from"./index-sxPZiDkZ.js";import{n as O,t as k}from"./inputtext-DIF2KPrg.js";import{t as A}from"./tag-CkqKDrxp.js";import{t as j}from"./ErrorNotice-9LcWJiYO.js";import{t as M}from"./RelativeTime-Bcmoeo03.js";import{i as N,r as P}from"./severity-DPACUH5r.js";import{t as F}from"./time-CBilSP1v.js";import{t as I}from"./EmptyState-fjp1Suyb.js";var L=a.extend({name:`textarea`,style:`
    .p-textarea {
        font-family: inherit;
        font-feature-settings: inherit;
        font-size: 1rem;
        color: dt('textarea.color');
        background: dt('textarea.background');
        padding-block: dt('textarea.padding.y');
        padding-inline: dt('textarea.padding.x');
        border: 1px solid dt('textarea.border.color');
        transition:
            background dt('textarea.transition.duration'),
            color dt('textarea.transition.duration'),
            border-color dt('textarea.transition.duration'),
            outline-color dt('textarea.transition.duration'),
            box-shadow dt('textarea.transition.duration');
        appearance: none;
        border-radius: dt('textarea.border.radius');
        outline-color: transparent;
        box-shadow: dt('textarea.shadow');
    }

    .p-textarea:enabled:hover {
        border-color: dt('textarea.hover.border.color');
    }

    .p-textarea:enabled:focus {
        border-color: dt('textarea.focus.border.color');
        box-shadow: dt('textarea.focus.ring.shadow');
        outline: dt('textarea.focus.ring.width') dt('textarea.focus.ring.style') dt('textarea.focus.ring.color');
        outline-offset: dt('textarea.focus.ring.offset');
    }

    .p-textarea.p-invalid {
        border-color: dt('textarea.invalid.border.color');
    }

    .p-textarea.p-variant-filled {
        background: dt('textarea.filled.background');
    }

    .p-textarea.p-variant-filled:enabled:hover {
        background: dt('textarea.filled.hover.background');
    }

    .p-textarea.p-variant-filled:enabled:focus {
        background: dt('textarea.filled.focus.background');
    }

    .p-textarea:disabled {
        opacity: 1;
        background: dt('textarea.disabled.background');
        color: dt('textarea.disabled.color');
    }

    .p-textarea::placeholder {
        color: dt('textarea.placeholder.color');
    }

    .p-textarea.p-invalid::placeholder {
        color: dt('textarea.invalid.placeholder.color');
    }

    .p-textarea-fluid {
        width: 100%;
    }

    .p-textarea-resizable {
        overflow: hidden;
        resize: none;
    }

    .p-textarea-sm {
        font-size: dt('textarea.sm.font.size');
        padding-block: dt('textarea.sm.padding.y');
        padding-inline: dt('textarea.sm.padding.x');
    }

    .p-textarea-lg {
        font-size: dt('textarea.lg.font.size');
        padding-block: dt('textarea.lg.padding.y');
        padding-inline: dt('textarea.lg.padding.x');
    }
`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-textarea p-component`,{"p-filled":t.$filled,"p-textarea-resizable ":n.autoResize,"p-textarea-sm p-inputfield-sm":n.size===`small`,"p-textarea-lg p-inputfield-lg":n.size===`large`,"p-invalid":t.$invalid,"p-variant-filled":t.$variant===`filled`,"p-textarea-fluid":t.$fluid}]}}}),R={name:`BaseTextarea`,extends:O,props:{autoResize:Boolean},style:L,provide:function(){return{$pcTextarea:this,$parentInstance:this}}};function z(e){"@babel/helpers - typeof";return z=typeof Symbol==`function`&&typeof Symbol.iterator==`symbol`?function(e){return typeof e}:function(e){return e&&typeof Symbol==`function`&&e.constructor===Symbol&&e!==Symbol.prototype?`symbol`:typeof e},z(e)}function B(e,t,n){return(t=V(t))in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}function V(e){var t=H(e,`string`);return z(t)==`symbol`?t:t+``}function H(e,t){if(z(e)!=`object`||!e)return e;var n=e[Symbol.toPrimitive];if(n!==void 0){var r=n.call(e,t);if(z(r)!=`object`)return r;throw TypeError(`@@toPrimitive must return a primitive value.`)}return(t===`string`?String:Number)(e)}var U={name:`Textarea`,extends:R,inheritAttrs:!1,observer:null,mounted:function(){var e=this;this.autoResize&&(this.observer=new ResizeObserver(function(){requestAnimationFrame(function(){e.resize()})}),this.observer.observe(this.$el))},updated:function(){this.autoResize&&this.resize()},beforeUnmount:function(){this.observer&&this.observer.disconnect()},methods:{resize:function(){if(this.$el.offsetParent){var e=this.$el.style.height,t=parseInt(e)||0,n=this.$el.scrollHeight;t&&n<t?(this.$el.style.height=`auto`,this.$el.style.height=`${this.$el.scrollHeight}px`):(!t||n>t)&&(this.$el.style.height=`${n}px`)}},onInput:function(e){this.autoResize&&this.resize(),this.writeValue(e.target.value,e)}},computed:{attrs:function(){return b(this.ptmi(`root`,{context:{filled:this.$filled,disabled:this.disabled}}),this.formField)},dataP:function(){return v(B({invalid:this.$invalid,fluid:this.$fluid,filled:this.$variant===`filled`},this.size,this.size))}}},W=[`value`,`name`,`disabled`,`aria-invalid`,`data-p`];U.render=function(e,t,n,r,i,a){return x(),l(`textarea`,b({class:e.cx(`root`),value:e.d_value,name:e.name,disabled:e.disabled,"aria-invalid":e.invalid||void 0,"data-p":a.dataP,onInput:t[0]||=function(){return a.onInput&&a.onInput.apply(a,arguments)}},a.attrs),null,16,W)};var G={key:1,class:`timeline`},K={class:`body`},q={class:`head`},J={key:1,class:`muted`},Y={key:0,class:`said`},X={key:1},Z={key:2,class:`error`},Q={key:3,class:`recommendations`},te={key:4,class:`facts muted`},ne={key:5},re={class:`mono`},ie=y(p({__name:`IncidentTimeline`,props:{entries:{}},setup(n){let a={alert:`pi pi-bell`,state:`pi pi-arrow-right-arrow-left`,comment:`pi pi-comment`,assignment:`pi pi-user-edit`,run:`pi pi-sitemap`,health_check:`pi pi-heart`,analysis_stage:`pi pi-lightbulb`,analysis:`pi pi-lightbulb`,notify_stage:`pi pi-send`,delivery:`pi pi-send`};function s(e){return typeof e==`string`?e:``}function u(e){return Array.isArray(e.recommendations)?e.recommendations:[]}function d(e){return[`channel`,`attempts`,`duration_ms`,`check`,`target`,`provider`,`lane`].filter(t=>e[t]!==void 0&&e[t]!==null&&e[t]!==``).map(t=>[t.replace(`_`,` `),String(e[t])])}return(p,m)=>n.entries.length?(x(),l(`ol`,G,[(x(!0),l(c,null,T(n.entries,(n,p)=>(x(),l(`li`,{key:`${n.at}-${p}`,class:`entry`},[i(`i`,{class:f(a[n.kind]??`pi pi-circle`),"aria-hidden":`true`},null,2),i(`div`,K,[i(`div`,q,[i(`strong`,null,t(n.title),1),s(n.detail.status)?(x(),S(D(A),{key:0,value:s(n.detail.status),severity:D(N)(s(n.detail.status))},null,8,[`value`,`severity`])):r(``,!0),n.by?(x(),l(`span`,J,`by `+t(n.by),1)):r(``,!0),e(M,{value:n.at,class:`muted`},null,8,[`value`])]),s(n.detail.text)?(x(),l(`p`,Y,t(n.detail.text),1)):r(``,!0),s(n.detail.summary)?(x(),l(`p`,X,t(n.detail.summary),1)):r(``,!0),s(n.detail.error)?(x(),l(`p`,Z,t(n.detail.error),1)):r(``,!0),u(n.detail).length?(x(),l(`ul`,Q,[(x(!0),l(c,null,T(u(n.detail),(e,n)=>(x(),l(`li`,{key:n},[i(`strong`,null,t(e.title),1),o(` `+t(e.detail)+` `,1),(x(!0),l(c,null,T(e.commands??[],e=>(x(),l(`code`,{key:e,class:`mono`},t(e),1))),128))]))),128))])):r(``,!0),d(n.detail).length?(x(),l(`div`,te,[(x(!0),l(c,null,T(d(n.detail),([e,n])=>(x(),l(`span`,{key:e},t(e)+`: `+t(n),1))),128))])):r(``,!0),Object.keys(n.detail).length?(x(),l(`details`,ne,[m[1]||=i(`summary`,{class:`muted`},`details`,-1),i(`pre`,re,t(JSON.stringify(n.detail,null,2)),1)])):r(``,!0)])]))),128))])):(x(),S(I,{key:0,icon:`pi pi-history`,title:`Nothing recorded yet`},{default:g(()=>[...m[0]||=[o(` Alerts, state changes, checks, analysis, deliveries and comments appear here as they happen. `,-1)]]),_:1}))}}),[[`__scopeId`,`data-v-c8822735`]]),ae={class:`page`},oe={class:`page-title`},$={class:`muted`},se={class:`facts`},ce={key:0},le={key:0,class:`toolbar`,role:`group`,"aria-label":`Actions`},ue=y(p({__name:`IncidentPage`,setup(a){let f=h(),p=C(),v=_(),y=Number(f.params.id),b=E(null),T=E([]),O=E(null),I=E(``),L=E(``),R=E(``),z=n(()=>p.can(`responder`)),B=n(()=>b.value?.status??``);async function V(){try{let[e,t]=await Promise.all([w.get(y),w.timeline(y)]);b.value=e,T.value=t.items,R.value=e.assignee,O.value=null}catch(e){O.value=e instanceof m?e.explanation:String(e)}}async function H(e,t,n){I.value=e;try{await t(),v.add({severity:`success`,summary:n,life:3e3}),await V()}catch(t){let n=t instanceof m?t.explanation:String(t);v.add({severity:`error`,summary:`Could not ${e}`,detail:n,life:8e3})}finally{I.value=``}}let W=e=>H(e,()=>w.act(y,e),`Incident ${e===`close`?`closed`:`${e}d`}`);async function G(){let e=L.value.trim();e&&(await H(`comment`,()=>w.comment(y,e),`Comment added`),L.value=``)}return d(V),(n,a)=>{let d=ee(`router-link`);return x(),l(`section`,ae,[e(d,{to:`/incidents`,class:`muted back`},{default:g(()=>[...a[7]||=[i(`i`,{class:`pi pi-arrow-left`,"aria-hidden":`true`},null,-1),o(` Incidents`,-1)]]),_:1}),e(j,{error:O.value},null,8,[`error`]),b.value?(x(),l(c,{key:0},[i(`h1`,oe,[e(D(A),{value:b.value.severity,severity:D(P)(b.value.severity)},null,8,[`value`,`severity`]),i(`span`,null,[i(`span`,$,`#`+t(b.value.id),1),o(` `+t(b.value.title),1)]),e(D(A),{value:b.value.status,severity:D(N)(b.value.status)},null,8,[`value`,`severity`])]),i(`dl`,se,[i(`div`,null,[a[8]||=i(`dt`,null,`Opened`,-1),i(`dd`,null,[e(M,{value:b.value.opened_at},null,8,[`value`]),o(` · `+t(D(F)(b.value.opened_at)),1)])]),i(`div`,null,[a[9]||=i(`dt`,null,`Source`,-1),i(`dd`,null,t(b.value.source||`—`),1)]),i(`div`,null,[a[10]||=i(`dt`,null,`Environment`,-1),i(`dd`,null,t(b.value.environment||`—`),1)]),i(`div`,null,[a[11]||=i(`dt`,null,`Acknowledged`,-1),i(`dd`,null,[o(t(b.value.acknowledged_by||`—`)+` `,1),b.value.acknowledged_at?(x(),S(M,{key:0,value:b.value.acknowledged_at},null,8,[`value`])):r(``,!0)])]),i(`div`,null,[a[12]||=i(`dt`,null,`Assignee`,-1),i(`dd`,null,t(b.value.assignee||`nobody`),1)]),b.value.resolution_note?(x(),l(`div`,ce,[a[13]||=i(`dt`,null,`Resolution`,-1),i(`dd`,null,t(b.value.resolution_note),1)])):r(``,!0)]),z.value?(x(),l(`div`,le,[e(D(u),{label:`Acknowledge`,icon:`pi pi-check`,disabled:B.value!==`open`,loading:I.value===`acknowledge`,onClick:a[0]||=e=>W(`acknowledge`)},null,8,[`disabled`,`loading`]),e(D(u),{label:`Resolve`,icon:`pi pi-check-circle`,severity:`success`,disabled:B.value===`resolved`||B.value===`closed`,loading:I.value===`resolve`,onClick:a[1]||=e=>W(`resolve`)},null,8,[`disabled`,`loading`]),e(D(u),{label:`Close`,icon:`pi pi-times-circle`,severity:`secondary`,disabled:B.value===`closed`,loading:I.value===`close`,onClick:a[2]||=e=>W(`close`)},null,8,[`disabled`,`loading`]),e(D(u),{label:`Re-run the pipeline`,icon:`pi pi-refresh`,severity:`secondary`,outlined:``,loading:I.value===`re-run`,onClick:a[3]||=e=>H(`re-run`,()=>D(w).rerun(D(y)),`Pipeline queued again`)},null,8,[`loading`])])):r(``,!0),z.value?(x(),l(`form`,{key:1,class:`toolbar`,onSubmit:a[5]||=s(e=>H(`assign`,()=>D(w).assign(D(y),R.value.trim()),`Assignee saved`),[`prevent`])},[a[14]||=i(`label`,{for:`assignee`},`Assignee`,-1),e(D(k),{id:`assignee`,modelValue:R.value,"onUpdate:modelValue":a[4]||=e=>R.value=e,placeholder:`username`},null,8,[`modelValue`]),e(D(u),{type:`submit`,label:`Assign`,severity:`secondary`,outlined:``,loading:I.value===`assign`},null,8,[`loading`])],32)):r(``,!0),a[16]||=i(`h2`,null,`Timeline`,-1),e(ie,{entries:T.value},null,8,[`entries`]),z.value?(x(),l(`form`,{key:2,class:`comment`,onSubmit:s(G,[`prevent`])},[a[15]||=i(`label`,{for:`comment`},`Comment`,-1),e(D(U),{id:`comment`,modelValue:L.value,"onUpdate:modelValue":a[6]||=e=>L.value=e,rows:`3`,"auto-resize":``,placeholder:`What did you find, what did you do?`},null,8,[`modelValue`]),e(D(u),{type:`submit`,label:`Add comment`,icon:`pi pi-comment`,loading:I.value===`comment`,disabled:!L.value.trim()},null,8,[`loading`,`disabled`])],32)):r(``,!0)],64)):r(``,!0)])}}}),[[`__scopeId`,`data-v-f1e6a3eb`]]);export{ue as default};